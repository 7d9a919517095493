package sub

// Helper is vendored though modules.txt lists no package of it.
func Helper() {}
