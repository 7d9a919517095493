// Package registry lives in the module cache: Routes owns a mutex and writes its exported map only under it.
package registry

import "sync"

// Routes maps paths to backends.
type Routes struct {
	mu      sync.Mutex
	Targets map[string]string
}

// Add records a backend under the lock.
func (r *Routes) Add(path, backend string) {
	r.mu.Lock()
	r.Targets[path] = backend
	r.mu.Unlock()
}

// Lock takes the lock that guards Targets.
func (r *Routes) Lock() { r.mu.Lock() }

// Unlock releases it.
func (r *Routes) Unlock() { r.mu.Unlock() }
