// Package rwmutex covers lock modes: a write under only RLock, ranges under
// Lock or RLock, early unlocks and unlocks in one branch.
package rwmutex

import "sync"

// Store is a small keyed store guarded by an RWMutex.
type Store struct {
	mu    sync.RWMutex
	items map[string]int
}

// Set writes under Lock.
func (s *Store) Set(key string, value int) {
	s.mu.Lock()
	s.items[key] = value
	s.mu.Unlock()
}

// Bump writes under only RLock: positive, reported at the write.
func (s *Store) Bump(key string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.items[key]++ // want "s.items is written in Bump under only s.mu.RLock while Sum ranges over it \\(line 46\\); readers run together, so take s.mu.Lock\\(\\) for the write"
}

// Drop deletes without any lock: positive, reported at the delete.
func (s *Store) Drop(key string) {
	delete(s.items, key) // want "s.items is deleted from in Drop without a lock while Reset ranges over it"
}

// Reset clears under Lock: negative.
func (s *Store) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.items {
		delete(s.items, k)
	}
}

// Sum ranges under RLock: negative for Set and Reset, the reports go to Bump and Drop.
func (s *Store) Sum() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	total := 0
	for _, v := range s.items {
		total += v
	}
	return total
}

// Keys unlocks before the loop: positive.
func (s *Store) Keys() []string {
	s.mu.RLock()
	n := len(s.items)
	s.mu.RUnlock()
	keys := make([]string, 0, n)
	for k := range s.items { // want "s.items is ranged in Keys without s.mu while Set writes it under s.mu"
		keys = append(keys, k)
	}
	return keys
}

// Max locks in one branch only, so the range is not always guarded: positive.
func (s *Store) Max(locked bool) int {
	if locked {
		s.mu.RLock()
		defer s.mu.RUnlock()
	}
	best := 0
	for _, v := range s.items { // want "s.items is ranged in Max without s.mu"
		if v > best {
			best = v
		}
	}
	return best
}

// Exclusive ranges under the write lock: negative.
func (s *Store) Exclusive() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []int
	for _, v := range s.items {
		out = append(out, v)
	}
	return out
}

// TryTotal ranges only when TryRLock succeeded: negative.
func (s *Store) TryTotal() (int, bool) {
	if !s.mu.TryRLock() {
		return 0, false
	}
	defer s.mu.RUnlock()
	total := 0
	for _, v := range s.items {
		total += v
	}
	return total, true
}
