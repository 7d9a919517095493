// Package retryutil is this module's own retry helper.
package retryutil

// Forever calls fn until it succeeds.
func Forever(fn func() error) {
	for { // want `retry loop calls fn again as soon as it fails, with no delay`
		if err := fn(); err != nil {
			continue
		}
		return
	}
}

// Note records a failure; it does not wait.
func Note(err error) {
	last = err
}

var last error
