// Package httputil builds the clients the app uses; it lives in GOPATH.
package httputil

import (
	"net/http"
	"time"
)

// Shared is one client for the whole process, with no time limit.
var Shared = &http.Client{}

// Bounded is a process-wide client that gives up after a minute.
var Bounded = &http.Client{Timeout: time.Minute}

// NewClient returns a client with no time limit.
func NewClient() *http.Client {
	return &http.Client{}
}

// NewBoundedClient returns a client that gives up after ten seconds.
func NewBoundedClient() *http.Client {
	c := &http.Client{}
	c.Timeout = 10 * time.Second
	return c
}

// Fetcher keeps the client it was built with in HTTP.
type Fetcher struct {
	HTTP *http.Client
	Base string
}

// NewFetcher builds a Fetcher whose client has no time limit.
func NewFetcher(base string) *Fetcher {
	return &Fetcher{HTTP: &http.Client{}, Base: base}
}
