package cfg

func returnInMiddle(x int) int {
	a := x + 1
	return a
	b := a * 2
	return b
}

func bothBranchesReturn(ok bool) int {
	if ok {
		return 1
	} else {
		return 2
	}
	println("dead")
}

func noBody()

func (s *server) method() {
	{
		s.n++
	}
	var x, y = 1, 2
	const c = 3
	type local int
	s.ch <- x + y
}
