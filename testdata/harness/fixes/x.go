package fixes

func a() {
	panic("boom") // want "call to panic"
}
