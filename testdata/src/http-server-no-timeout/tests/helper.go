package app

import "net/http"

// A production file in the same package is still checked.
func Start() error {
	return http.ListenAndServe(":8080", nil) // want `http.ListenAndServe serves`
}
