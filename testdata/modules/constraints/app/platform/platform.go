package platform

// Describe names the platform through the file built for it.
func Describe() string { return name() }
