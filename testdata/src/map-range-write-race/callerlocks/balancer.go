package callerlocks

import (
	"sync"

	"google.golang.org/grpc/balancer"
	"google.golang.org/grpc/connectivity"
)

// roundRobin is a gRPC balancer. gRPC documents that UpdateClientConnState, ResolverError,
// UpdateSubConnState and Close are called synchronously from one goroutine, so they never overlap
// each other; mu guards only what the picker (another goroutine) reads.
type roundRobin struct {
	cc     balancer.ClientConn
	mu     sync.Mutex
	states map[balancer.SubConn]connectivity.State
	ready  []balancer.SubConn
}

// UpdateClientConnState ranges without mu: serialised with UpdateSubConnState by contract. Negative.
func (b *roundRobin) UpdateClientConnState(s balancer.ClientConnState) error {
	for sc, st := range b.states {
		if st == connectivity.Idle {
			sc.Connect()
		}
	}
	return nil
}

// ResolverError ranges without mu: negative.
func (b *roundRobin) ResolverError(err error) {
	for sc := range b.states {
		_ = sc
	}
}

// UpdateSubConnState writes under mu because the picker's ready list changes with it.
func (b *roundRobin) UpdateSubConnState(sc balancer.SubConn, s balancer.SubConnState) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.states[sc] = s.ConnectivityState
	b.ready = b.ready[:0]
	for c, st := range b.states {
		if st == connectivity.Ready {
			b.ready = append(b.ready, c)
		}
	}
}

// Close deletes without mu: serialised with the other callbacks. Negative.
func (b *roundRobin) Close() {
	for sc := range b.states {
		delete(b.states, sc)
	}
}

// Picked is called by the picker goroutine: it ranges under mu, so it is no finding either.
func (b *roundRobin) Picked() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.ready)
}
