package cfg

func panics(x int) int {
	if x < 0 {
		panic("negative")
	}
	return x
}

func exits(err error) {
	if err != nil {
		log.Fatal(err)
	}
	os.Exit(0)
	unreachableCall()
}

func notWholeStatement() {
	defer os.Exit(1)
	go panic("in goroutine")
	x := f(os.Exit)
	use(x)
}
