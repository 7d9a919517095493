// Package web is a local replace target: it builds and hardens servers for the app.
package web

import (
	"net/http"
	"time"
)

// NewServer returns a server with no read timeouts.
func NewServer(addr string, handler http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: handler}
}

// NewHardenedServer returns a server that bounds reading the request headers.
func NewHardenedServer(addr string, handler http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: handler, ReadHeaderTimeout: 5 * time.Second}
}

// Harden sets the read timeouts on a server its caller built.
func Harden(srv *http.Server) {
	srv.ReadHeaderTimeout = 5 * time.Second
	srv.ReadTimeout = time.Minute
}

// Describe only reads the server.
func Describe(srv *http.Server) string {
	return srv.Addr
}
