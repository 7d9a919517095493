// Package transport lives in the module cache: one bounded constructor and one unbounded shared client.
package transport

import (
	"net/http"
	"time"
)

// Shared is a package-level client with no timeout.
var Shared = &http.Client{}

// NewBoundedClient returns a client that gives up after ten seconds.
func NewBoundedClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Second}
}
