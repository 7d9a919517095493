package shared

// Log logs.
func Log(message string) {}
