package latches

import "net"

// RegisterService checks nothing itself; register does (negative).
func (s *Server) RegisterService(name string, h func(net.Conn)) {
	s.register(name, h)
}

func (s *Server) register(name string, h func(net.Conn)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.serving {
		panic("register after Serve: " + name)
	}
	s.services[name] = h
}

// ServiceNames ranges without the lock: the writes happen before Serve, and the goroutines Serve
// starts run after the flag is set (negative, as handle is).
func (s *Server) ServiceNames() []string {
	var out []string
	for name := range s.services {
		out = append(out, name)
	}
	return out
}
