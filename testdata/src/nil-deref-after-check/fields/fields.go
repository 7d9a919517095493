// Package fields holds nil checks on field paths and on method receivers.
package fields

import "log"

type Config struct {
	Name string
	TLS  *TLS
}

type TLS struct{ Cert string }

type Server struct {
	cfg *Config
}

// The checked field path is dereferenced in its nil branch.
func (s *Server) Describe() string {
	if s.cfg == nil {
		log.Printf("server without config %s", s.cfg.Name) // want `s.cfg is nil here .* and s.cfg.Name dereferences it`
		return ""
	}
	return s.cfg.Name
}

// A deeper path that falls through.
func (s *Server) Cert() string {
	if s.cfg.TLS == nil {
		log.Print("no TLS")
	}
	return s.cfg.TLS.Cert // want `s.cfg.TLS may be nil here`
}

// After `if s == nil` inside a method, the receiver's fields.
func (s *Server) Name() string {
	if s == nil {
		log.Printf("nil server")
	}
	return s.cfg.Name // want `s may be nil here .* and s.cfg dereferences it`
}

// In the receiver's nil branch itself: every use there is reported, not only the first.
func (s *Server) Reset() {
	if s == nil {
		s.cfg = nil             // want `s is nil here`
		log.Print(s.cfg.Name) // want `s is nil here`
	}
}

// Quiet: a nil receiver handled by returning.
func (s *Server) Safe() string {
	if s == nil || s.cfg == nil {
		return ""
	}
	return s.cfg.Name
}

// Quiet: a method may set the field between the check and the use.
func (s *Server) load() { s.cfg = &Config{} }

func (s *Server) Loaded() string {
	if s.cfg == nil {
		s.load()
	}
	return s.cfg.Name
}

// Quiet: the field is given a value in the nil branch.
func (s *Server) Defaulted() string {
	if s.cfg == nil {
		s.cfg = &Config{Name: "default"}
	}
	return s.cfg.Name
}
