package finishing

import "sync"

// Session collects results from concurrent Add calls; Release and Rollback end it.
type Session struct {
	mu      sync.Mutex
	results map[int]string
	undo    map[int]func()
}

// Add writes under the lock.
func (s *Session) Add(id int, result string, undo func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.results[id] = result
	s.undo[id] = undo
}

// Release drops every result without the lock, deleting as it goes (negative).
func (s *Session) Release() {
	for id := range s.results {
		delete(s.results, id)
	}
}

// Rollback runs the undo functions in order without the lock (negative).
func (s *Session) Rollback() {
	for _, undo := range s.undo {
		undo()
	}
}

// Forget ranges under the lock while Destroy clears the map without it: Destroy comes last (negative).
func (s *Session) Forget(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for key := range s.undo {
		if key == id {
			delete(s.undo, key)
		}
	}
}

// Destroy clears the undo map without the lock (negative: the write is in the finishing method).
func (s *Session) Destroy() {
	for key := range s.results {
		delete(s.undo, key)
	}
}
