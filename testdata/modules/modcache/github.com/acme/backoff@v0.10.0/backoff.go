package backoff

// Wait waits with jitter.
func Wait() {}

// Jitter is only in v0.10.0.
func Jitter() {}
