package cfg

func andCondition(x *T) {
	if x != nil && x.ok {
		use(x)
	}
}

func orCondition(a, b bool) {
	if a || b {
		yes()
	} else {
		no()
	}
}

func mixedWithParens(a, b, c, d bool) {
	if (a || b) && !(c && d) {
		yes()
	}
}

func parensOnRight(a, b, c bool) {
	if a && (b || c) {
		yes()
	}
}

func loopCondition(p *node) {
	for p != nil && p.next != nil {
		p = p.next
	}
}

func initAndElseIf(m map[string]int) int {
	if v, ok := m["a"]; ok && v > 0 {
		return v
	} else if w := m["b"]; w > 0 || v < 0 {
		return w
	} else {
		return 0
	}
}
