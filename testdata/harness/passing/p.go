package passing

func a() {
	panic("boom") // want "call to panic"
}

// want +2 "call to panic"
func b() {
	panic("later")
}

func quiet() int { return 1 }
