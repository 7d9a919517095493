// Package serve lives in the module cache: it builds servers with and without read timeouts.
package serve

import (
	"net/http"
	"time"
)

// New returns a server with no read timeouts.
func New(addr string, handler http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: handler}
}

// NewBounded returns a server that bounds reading the request headers.
func NewBounded(addr string, handler http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: handler, ReadHeaderTimeout: 5 * time.Second}
}
