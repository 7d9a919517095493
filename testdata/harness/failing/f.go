package failing

// This fixture is meant to fail: the first want is never met, and the second panic is not wanted.
func a() int {
	return 1 // want "call to panic"
}

func b() {
	panic("unwanted")
}
