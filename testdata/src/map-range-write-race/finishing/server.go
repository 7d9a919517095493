package finishing

import (
	"net"
	"sync"
)

// Server tracks its connections; its own goroutines add and remove them.
type Server struct {
	mu        sync.Mutex
	conns     map[net.Conn]bool
	listeners map[net.Listener]bool
}

// Serve accepts connections and serves each on a goroutine of its own.
func (s *Server) Serve(l net.Listener) error {
	s.mu.Lock()
	s.listeners[l] = true
	s.mu.Unlock()
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go s.serve(c)
	}
}

func (s *Server) serve(c net.Conn) {
	s.mu.Lock()
	s.conns[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
	}()
}

// Close ranges the connections without the lock while serve goroutines write them (positive).
func (s *Server) Close() error {
	for c := range s.conns { // want "s.conns is ranged in Close without s.mu while serve writes it under s.mu"
		c.Close()
	}
	return nil
}

// Release ranges the listeners without the lock: Serve, which starts goroutines of the server, is
// meant to run until it is released (positive).
func (s *Server) Release() {
	for l := range s.listeners { // want "s.listeners is ranged in Release without s.mu while Serve writes it under s.mu"
		l.Close()
	}
}
