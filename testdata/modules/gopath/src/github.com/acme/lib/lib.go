package lib

// Run runs.
func Run() {}
