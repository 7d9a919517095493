package dispatchjoins

// Runner drives a worker and reports what its tally counted.
type Runner struct {
	worker Worker
	tally  *tally
}

// NewRunner builds a runner counting into one tally.
func NewRunner() *Runner {
	t := &tally{counts: map[string]int{}}
	return &Runner{worker: t, tally: t}
}

// Once starts the worker, pauses it, then reports: the interface call joins the counter (negative).
func (r *Runner) Once() int {
	r.worker.Start()
	r.worker.Pause()
	return r.report()
}

func (r *Runner) report() int {
	n := 0
	for _, c := range r.tally.counts {
		n += c
	}
	return n
}

