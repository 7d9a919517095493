package builders

// Find ranges without the lock: every Program it can be called on was returned by Load after its
// goroutines were joined (negative).
func (prog *Program) Find(path string) int {
	for p, n := range prog.all {
		if p == path {
			return n
		}
	}
	return -1
}
