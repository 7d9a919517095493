package basic

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// The package helpers serve with a zero http.Server.
func serveAll(l net.Listener, mux *http.ServeMux) {
	go http.ListenAndServe(":8080", mux)                  // want `http.ListenAndServe serves with a zero http.Server`
	go http.ListenAndServeTLS(":8443", "crt", "key", mux) // want `http.ListenAndServeTLS serves with a zero http.Server`
	go http.Serve(l, mux)                                 // want `http.Serve serves with a zero http.Server`
	go http.ServeTLS(l, mux, "crt", "key")                // want `http.ServeTLS serves with a zero http.Server`
}

// A server literal without read timeouts.
func literal(mux http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: mux, WriteTimeout: time.Minute} // want `http.Server has neither ReadHeaderTimeout nor ReadTimeout`
	return srv.ListenAndServe()
}

// Explicit zero read timeouts are no timeouts.
func zero(mux http.Handler) error {
	srv := http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 0, ReadTimeout: 0} // want `http.Server has neither`
	return srv.ListenAndServe()
}

// new(http.Server) configured field by field, but never with a read timeout.
func withNew(mux http.Handler) error {
	srv := new(http.Server) // want `new\(http.Server\) has neither ReadHeaderTimeout nor ReadTimeout`
	srv.Addr = ":8080"
	srv.Handler = mux
	srv.IdleTimeout = time.Minute
	return srv.ListenAndServe()
}

// A declared server.
func withVar(l net.Listener, mux http.Handler) error {
	var srv http.Server // want `var srv http.Server has neither`
	srv.Handler = mux
	return srv.Serve(l)
}

// Quiet: ReadHeaderTimeout in the literal.
func safe(mux http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	return srv.ListenAndServe()
}

// Quiet: ReadTimeout also bounds the headers.
func readTimeout(mux http.Handler, cfg *tls.Config) error {
	srv := &http.Server{Addr: ":8443", Handler: mux, TLSConfig: cfg, ReadTimeout: 30 * time.Second}
	return srv.ListenAndServeTLS("", "")
}

// Quiet: the timeout is assigned after construction.
func assignedLater(mux http.Handler, d time.Duration) error {
	srv := &http.Server{Addr: ":8080", Handler: mux}
	srv.ReadHeaderTimeout = d
	return srv.ListenAndServe()
}

// Quiet: new and var servers given a read timeout before serving.
func newAndVar(l net.Listener, mux http.Handler) error {
	a := new(http.Server)
	a.ReadTimeout = time.Minute
	var b http.Server
	b.ReadHeaderTimeout = 5 * time.Second
	go a.Serve(l)
	return b.Serve(l)
}

// Quiet: a local value named http shadows the import.
type fakeServer struct{}

func (fakeServer) ListenAndServe(string, http.Handler) error { return nil }

func shadowed(mux http.Handler) error {
	http := fakeServer{}
	return http.ListenAndServe(":1", mux)
}
