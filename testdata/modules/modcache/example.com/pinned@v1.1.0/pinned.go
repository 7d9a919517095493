package pinned

// Version names the cached release.
func Version() string { return "v1.1.0" }
