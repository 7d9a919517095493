package p

func f(x *T) {
	if x == nil {
		s := `unterminated raw string
		println(x.f)
