// Package fields stores servers in struct fields and configures them in other functions.
package fields

import (
	"net"
	"net/http"
	"time"
)

// API owns an http.Server.
type API struct {
	srv *http.Server
}

// NewAPI builds a server that no function gives a read timeout.
func NewAPI(h http.Handler) *API {
	return &API{srv: &http.Server{Handler: h}} // want `http.Server has neither ReadHeaderTimeout nor ReadTimeout`
}

// Metrics owns another http.Server.
type Metrics struct {
	srv *http.Server
}

// NewMetrics builds the server; configure (in options.go) sets its timeout.
func NewMetrics(h http.Handler) *Metrics {
	m := &Metrics{srv: &http.Server{Handler: h}}
	m.configure()
	return m
}

// Debug has a server assigned after the struct is built.
type Debug struct {
	server *http.Server
}

// NewDebug assigns the field later and sets the timeout on it.
func NewDebug(h http.Handler) *Debug {
	d := &Debug{}
	d.server = &http.Server{Handler: h}
	d.server.ReadHeaderTimeout = 10 * time.Second
	return d
}

// Serve runs the API server.
func (a *API) Serve(l net.Listener) error {
	return a.srv.Serve(l)
}

// Serve runs the metrics server.
func (m *Metrics) Serve(l net.Listener) error {
	return m.srv.Serve(l)
}
