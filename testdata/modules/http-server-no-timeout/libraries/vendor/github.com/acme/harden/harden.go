// Package harden is vendored: it sets the timeouts of a server its caller built.
package harden

import (
	"net/http"
	"time"
)

// Apply bounds reading the request headers and body.
func Apply(srv *http.Server) {
	srv.ReadHeaderTimeout = 5 * time.Second
	srv.ReadTimeout = 30 * time.Second
}
