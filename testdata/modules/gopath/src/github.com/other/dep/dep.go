package dep

// Do is the GOPATH copy, which the vendored one shadows.
func Do() {}
