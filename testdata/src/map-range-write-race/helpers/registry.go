// Package helpers covers same-package summaries: locks held by callers flow
// into helpers, lock wrapper methods, callbacks run under a lock, nested lock
// paths and embedded mutexes.
package helpers

import "sync"

// Registry guards its map with mu.
type Registry struct {
	mu    sync.RWMutex
	names map[string]int
}

// Add takes the lock and calls a helper that writes: negative.
func (r *Registry) Add(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.put(name, 1)
}

// AddTwice takes the lock too: negative.
func (r *Registry) AddTwice(name string) {
	r.mu.Lock()
	r.put(name, 2)
	r.mu.Unlock()
}

// put writes the map for Add and AddTwice, which lock first.
func (r *Registry) put(name string, n int) {
	r.names[name] = n
}

// Names ranges under RLock: negative.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.collect()
}

// collect ranges the map for Names.
func (r *Registry) collect() []string {
	var out []string
	for n := range r.names {
		out = append(out, n)
	}
	return out
}

// Unsafe calls the ranging helper without the lock: positive, reported in the helper's caller chain.
func (r *Registry) Unsafe() int {
	return len(r.count())
}

func (r *Registry) count() []int {
	var out []int
	for _, n := range r.names { // want "r.names is ranged in count without r.mu while put writes it under r.mu"
		out = append(out, n)
	}
	return out
}

// removeLocked needs r.mu held by its caller, as its name says: negative.
func (r *Registry) removeLocked(name string) {
	delete(r.names, name)
}

// Remove holds the lock around the helper.
func (r *Registry) Remove(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.removeLocked(name)
}
