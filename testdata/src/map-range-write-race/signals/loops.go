package signals

import "context"

func (s *Stream) recvLoop() {
	for r := range s.requests {
		s.next++
		s.watchers[s.next] = r
	}
}

func (s *Stream) sendLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case v := <-s.out:
			_ = v
		}
	}
}

func (s *Stream) close() {
	s.mu.Lock()
	for id := range s.watchers {
		_ = id
	}
	s.watchers = nil
	s.mu.Unlock()
}
