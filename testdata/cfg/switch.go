package cfg

func switchFallthrough(x int) string {
	s := ""
	switch y := x * 2; y {
	case 0, 1:
		s = "small"
		fallthrough
	case 2:
		s += "two"
	default:
		s = "other"
	case 3:
		return "three"
	}
	return s
}

func taglessSwitch(x int) {
	switch {
	case x > 0 && x < 10:
		a()
	case x < 0:
		b()
	}
	c()
}
