// Package store is vendored: Sessions owns a mutex and writes its exported map only under it.
package store

import "sync"

// Sessions maps session ids to user names.
type Sessions struct {
	mu   sync.Mutex
	ByID map[string]string
}

// Put records a session under the lock.
func (s *Sessions) Put(id, user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ByID[id] = user
}

// Lock takes the lock that guards ByID.
func (s *Sessions) Lock() { s.mu.Lock() }

// Unlock releases it.
func (s *Sessions) Unlock() { s.mu.Unlock() }
