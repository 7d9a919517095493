package backoff

// Wait is the old API.
func Wait() {}
