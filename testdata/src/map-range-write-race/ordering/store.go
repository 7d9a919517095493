// Package ordering covers happens-before: writes made while a value is built (in any function that
// returns the value it creates, and in the helpers it calls) or before the `go` statement that starts
// the other side, and reads made after the goroutines that write have been joined. The Store's
// constructor, its goroutine and its Close are in different files.
package ordering

import "sync"

// Store is built by Open, which fills the index before it starts the flusher.
type Store struct {
	mu    sync.Mutex
	index map[string]int
	quit  chan struct{}
	wg    sync.WaitGroup
}

// Open is a constructor by shape (it returns the *Store it creates), whatever its name.
func Open(names []string) (*Store, error) {
	s := &Store{index: map[string]int{}, quit: make(chan struct{})}
	s.load(names)
	s.index["boot"] = 0 // negative: the flusher does not exist yet
	s.wg.Add(1)
	go s.flusher()
	return s, nil
}

// load runs only from Open, before `go s.flusher()`: negative.
func (s *Store) load(names []string) {
	for i, n := range names {
		s.index[n] = i
	}
}

// Close stops the flusher and waits for it; the range after the join is alone: negative.
func (s *Store) Close() []string {
	close(s.quit)
	s.wg.Wait()
	var out []string
	for k := range s.index {
		out = append(out, k)
	}
	return out
}
