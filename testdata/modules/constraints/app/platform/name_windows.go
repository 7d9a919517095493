package platform

func name() string { return "windows" }

// WindowsOnly exists only in the windows build.
func WindowsOnly() {}
