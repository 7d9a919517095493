package branches

import "log"

type Conn struct {
	addr string
}

type Server struct {
	conns map[string]*Conn
	cfg   *Config
}

type Config struct {
	TLS *TLSConfig
}

type TLSConfig struct {
	CertFile string
}

// A check in the if statement's initializer scope.
func (s *Server) Addr(name string) string {
	if c := s.conns[name]; c == nil {
		return "unknown conn " + c.addr // want `c is nil here`
	}
	return ""
}

// A func literal is analysed on its own: its own nil branch is reported.
func (s *Server) Watch(name string) {
	go func() {
		c := s.conns[name]
		if c == nil {
			log.Printf("conn %s gone (%s)", name, c.addr) // want `c is nil here`
		}
	}()
}

// An else-if chain whose nil branch logs and falls out of the chain.
func (s *Server) CertFile(verbose bool) string {
	if s.cfg.TLS != nil && verbose {
		log.Print("tls on")
	} else if s.cfg.TLS == nil {
		log.Print("tls off")
	}
	return s.cfg.TLS.CertFile // want `s.cfg.TLS may be nil here`
}

// A logger method between the check and the use does not change the field.
func (s *Server) TLSFile() string {
	if s.cfg == nil {
		log.Printf("no config")
	}
	return s.cfg.TLS.CertFile // want `s.cfg may be nil here`
}
