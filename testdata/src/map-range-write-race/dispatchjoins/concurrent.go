package dispatchjoins

// Early reports before pausing: the counter may still run (positive).
func (r *Runner) Early() int {
	r.worker.Start()
	n := r.peek()
	r.worker.Pause()
	return n
}

func (r *Runner) peek() int {
	n := 0
	for _, c := range r.tally.counts { // want "r.tally.counts is ranged in peek without r.tally.mu while count writes it under t.mu"
		n += c
	}
	return n
}

// Again starts the worker a second time after the pause (positive).
func (r *Runner) Again() int {
	r.worker.Start()
	r.worker.Pause()
	r.worker.Start()
	return r.recount()
}

func (r *Runner) recount() int {
	n := 0
	for range r.tally.counts { // want "r.tally.counts is ranged in recount without r.tally.mu while count writes it under t.mu"
		n++
	}
	return n
}
