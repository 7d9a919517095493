// Package httpx is vendored: it builds a client with no timeout.
package httpx

import "net/http"

// NewClient returns a client that waits forever.
func NewClient() *http.Client {
	return &http.Client{}
}
