// Package retry is a library in the module cache: one helper retries at once, one backs off.
package retry

import "time"

// Do calls fn up to attempts times, again as soon as it fails.
func Do(attempts int, fn func() error) error {
	var err error
	for i := 0; i < attempts; i++ {
		if err = fn(); err == nil {
			return nil
		}
	}
	return err
}

// WithBackoff calls fn until it succeeds, doubling the pause after each failure.
func WithBackoff(fn func() error) {
	delay := 10 * time.Millisecond
	for {
		if err := fn(); err == nil {
			return
		}
		time.Sleep(delay)
		delay *= 2
	}
}
