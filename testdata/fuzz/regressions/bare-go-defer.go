package p

func f(m map[string]*T) {
	for k := range m {
		go
		defer
		m[k] = nil
	}
}
}
}
