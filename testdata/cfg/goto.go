package cfg

func forwardGoto(err error) int {
	if err != nil {
		goto fail
	}
	work()
	return 0
fail:
	cleanup()
	return 1
}

func backwardGoto(n int) {
	i := 0
again:
	if i < n {
		i++
		goto again
	}
	done()
}
