package ordering

import "time"

// flusher ranges the index under the lock, and drops entries under it.
func (s *Store) flusher() {
	defer s.wg.Done()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-s.quit:
			return
		case <-tick.C:
			s.mu.Lock()
			for k, v := range s.index {
				if v < 0 {
					delete(s.index, k)
				}
			}
			s.mu.Unlock()
		}
	}
}
