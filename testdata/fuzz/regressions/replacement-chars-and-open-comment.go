package p

func f(x *T) {
	if x == nil {
		println(x�.f, "﻿", '\')
	}
	/* comment never closed
