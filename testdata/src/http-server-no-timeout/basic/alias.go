package basic

import (
	nethttp "net/http"
)

// Server is this package's own type, not net/http's.
type Server struct {
	Addr string
}

// ListenAndServe pretends to serve.
func (s *Server) ListenAndServe() error { return nil }

// Aliased imports are resolved.
func aliased(h nethttp.Handler) error {
	srv := &nethttp.Server{Handler: h}    // want `nethttp.Server has neither`
	go nethttp.ListenAndServe(":9090", h) // want `nethttp.ListenAndServe serves`
	return srv.ListenAndServe()
}

// Quiet: the local Server type.
func local() error {
	s := &Server{Addr: ":1"}
	var t Server
	_ = t.ListenAndServe()
	return s.ListenAndServe()
}
