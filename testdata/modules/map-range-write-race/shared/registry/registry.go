// Package registry holds types whose exported maps their own package guards with a lock, and two
// whose maps it does not guard.
package registry

import "sync"

// Registry maps names to endpoints; Items is written under mu.
type Registry struct {
	mu    sync.Mutex
	Items map[string]string
}

// Set records an endpoint.
func (r *Registry) Set(name, endpoint string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Items[name] = endpoint
}

// Lock takes the registry's lock.
func (r *Registry) Lock() { r.mu.Lock() }

// Unlock releases it.
func (r *Registry) Unlock() { r.mu.Unlock() }

// Cache keeps entries under an RWMutex, with no lock method of its own.
type Cache struct {
	guard   sync.RWMutex
	Entries map[string]int
}

// Forget drops an entry.
func (c *Cache) Forget(key string) {
	c.guard.Lock()
	delete(c.Entries, key)
	c.guard.Unlock()
}

// Labels is a plain struct: nothing in this package locks it.
type Labels struct {
	Values map[string]string
}

// Put writes a label.
func (l *Labels) Put(key, value string) { l.Values[key] = value }

// Loose has a mutex, but writes its map both with and without it: no guard to expect.
type Loose struct {
	mu   sync.Mutex
	Seen map[string]bool
}

// Mark writes under the lock.
func (l *Loose) Mark(key string) {
	l.mu.Lock()
	l.Seen[key] = true
	l.mu.Unlock()
}

// Reset writes without it.
func (l *Loose) Reset(key string) { l.Seen[key] = false }
