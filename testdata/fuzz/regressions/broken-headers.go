package p

func (

func g(x *T) { if x == nil && { println(x.f) } }

func h() { switch { case x == nil: x.f(); fallthrough } }
