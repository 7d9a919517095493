package util

import "net/http"

// NewClient returns a client for the backend API.
func NewClient() *http.Client {
	return &http.Client{}
}
