package client

import "net/http"

// New returns a client without a timeout.
func New() *http.Client {
	return &http.Client{}
}
