// Package discoverer spans files: a metrics collector ranges a discoverer's
// timestamp map under its own lock while the discoverer writes it under a
// different one.
package discoverer

import (
	"sync"
	"time"
)

// Discoverer records when each target was last seen.
type Discoverer struct {
	mu       sync.Mutex
	lastSeen map[string]time.Time
}

// NewDiscoverer fills the map before sharing it: negative.
func NewDiscoverer(targets []string) *Discoverer {
	d := &Discoverer{lastSeen: make(map[string]time.Time)}
	for _, t := range targets {
		d.lastSeen[t] = time.Time{}
	}
	return d
}

// Run refreshes the map on its own goroutine.
func (d *Discoverer) Run(targets <-chan string) {
	go func() {
		for t := range targets {
			d.observe(t)
		}
	}()
}

// observe writes under the discoverer's lock.
func (d *Discoverer) observe(target string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.lastSeen[target] = time.Now()
}

// Snapshot copies the map under the discoverer's lock: negative.
func (d *Discoverer) Snapshot() map[string]time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[string]time.Time, len(d.lastSeen))
	for k, v := range d.lastSeen {
		out[k] = v
	}
	return out
}
