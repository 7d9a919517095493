// Package servertest is a test-helper package, like net/http/httptest: quiet.
package servertest

import (
	"net"
	"net/http"
)

// Start serves h on l for a test.
func Start(l net.Listener, h http.Handler) *http.Server {
	srv := &http.Server{Handler: h}
	go srv.Serve(l)
	go http.Serve(l, h)
	return srv
}
