package retry

// Do retries once.
func Do() {}
