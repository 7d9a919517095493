// Package identity covers which lock and which map an access names: an embedded mutex reached at any
// depth (p.Lock(), p.guard.Lock(), p.Mutex.Lock()), a mutex aliased through `mu: &t.mu` or
// `mu := &t.mu`, a map made per goroutine instance, two structs that embed the same type, and one
// method declared twice in files for alternative builds.
package identity

import "sync"

type guard struct{ sync.Mutex }

// Pool embeds guard, which embeds the mutex: p.Lock(), p.guard.Lock(), p.guard.Mutex.Lock() and
// p.Mutex.Lock() all take the same lock.
type Pool struct {
	guard
	conns map[string]int
}

// Add writes under p.Lock().
func (p *Pool) Add(addr string) {
	p.Lock()
	p.conns[addr]++
	p.Unlock()
}

// Remove deletes under p.guard.Lock(): the same lock. Negative.
func (p *Pool) Remove(addr string) {
	p.guard.Lock()
	delete(p.conns, addr)
	p.guard.Unlock()
}
