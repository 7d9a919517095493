package unlocked

import "time"

// Report aggregates results on a goroutine; Run and Stats are two ways of using it, never both.
type Report struct {
	results chan error
	errs    map[string]int
}

// Run consumes the results and renders the report on one goroutine.
func (r *Report) Run() <-chan string {
	done := make(chan string, 1)
	go func() {
		r.process()
		done <- r.String()
	}()
	return done
}

// Stats consumes the results on another goroutine started by another method: the two goroutines
// never run on one report. Negative.
func (r *Report) Stats() <-chan int {
	done := make(chan int, 1)
	go func() {
		r.process()
		done <- len(r.errs)
	}()
	return done
}

func (r *Report) process() {
	for err := range r.results {
		if err != nil {
			r.errs[err.Error()]++
		}
	}
}

// String ranges the errors; the package calls it only after processing, on the same goroutine.
func (r *Report) String() string {
	s := ""
	for msg := range r.errs {
		s += msg
	}
	return s
}

// Gauge is sampled by a goroutine its Start method runs, while Values can be called at any time.
type Gauge struct {
	values map[string]float64
}

// Start samples forever on a goroutine.
func (g *Gauge) Start(names []string) {
	go g.sample(names)
}

func (g *Gauge) sample(names []string) {
	for {
		for _, n := range names {
			g.values[n] = float64(time.Now().UnixNano()) // want "g.values is written in sample without a lock while Values ranges over it \\(line 71\\); guard the write and the range with the same mutex \\(only one side is shown to run concurrently: sample runs on a goroutine started in Start, and Values can be called from outside the package meanwhile; no lock of Gauge guards the map anywhere\\)"
		}
		time.Sleep(time.Second)
	}
}

// Values ranges what the sampler writes; nothing in the package calls it. Positive, a warning.
func (g *Gauge) Values() []float64 {
	var out []float64
	for _, v := range g.values {
		out = append(out, v)
	}
	return out
}
