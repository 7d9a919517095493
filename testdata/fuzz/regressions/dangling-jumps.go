package p

func f(x *T) {
	for x == nil || {
		goto L
	}
L:
L:
	break L
	continue
	select { case <-: }
	return x.f
}
