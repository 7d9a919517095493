package controller

import (
	"log"
	"time"
)

// NodeRegistrar registers this node with the API server.
type NodeRegistrar struct {
	nodeName string
	register func(nodeName string) error
}

func (r *NodeRegistrar) doCall() error {
	return r.register(r.nodeName)
}

// RegisterNode reproduces the second half of incident 5
// (retry-without-backoff): when the API server is down, the loop retries
// immediately with no sleep, and every node in the cluster hammers the API
// server the moment it comes back.
func (r *NodeRegistrar) RegisterNode() {
	for {
		if err := r.doCall(); err != nil {
			continue
		}
		break
	}
	log.Printf("registered node %s", r.nodeName)
}

// RegisterNodeWithBackoff is the fixed twin: it sleeps between attempts,
// starting at 100ms and doubling each time, capped at 30s.
func (r *NodeRegistrar) RegisterNodeWithBackoff() {
	const (
		baseDelay = 100 * time.Millisecond
		maxDelay  = 30 * time.Second
	)
	delay := baseDelay
	for {
		err := r.doCall()
		if err == nil {
			break
		}
		log.Printf("registering node %s: %v; retrying in %v", r.nodeName, err, delay)
		time.Sleep(delay)
		delay *= 2
		if delay > maxDelay {
			delay = maxDelay
		}
	}
	log.Printf("registered node %s", r.nodeName)
}
