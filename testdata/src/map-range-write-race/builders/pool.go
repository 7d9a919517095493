package builders

import (
	"errors"
	"sync"
)

// Pool builds Reports with a counted join.
type Pool struct {
	size int
}

// Report is built by Pool.Run.
type Report struct {
	mu    sync.Mutex
	lines map[string]int
}

// Run starts a goroutine per job, each signalling done as it ends, and receives once per job (negative).
func (p *Pool) Run(jobs []string) *Report {
	rep := &Report{lines: map[string]int{}}
	done := make(chan struct{})
	for _, j := range jobs {
		go func(j string) {
			defer func() { done <- struct{}{} }()
			rep.mu.Lock()
			rep.lines[j]++
			rep.mu.Unlock()
		}(j)
	}
	for range jobs {
		<-done
	}
	return rep
}

// Lines ranges without the lock (negative).
func (rep *Report) Lines() int {
	n := 0
	for range rep.lines {
		n++
	}
	return n
}

// Feed is built by Watch, whose goroutine keeps running after it returns.
type Feed struct {
	mu     sync.Mutex
	events map[int]string
	in     chan string
}

// Watch returns while its goroutine runs.
func (c *Client) Watch(in chan string) *Feed {
	f := &Feed{events: map[int]string{}, in: in}
	go func() {
		n := 0
		for e := range f.in {
			n++
			f.mu.Lock()
			f.events[n] = e
			f.mu.Unlock()
		}
	}()
	return f
}

// Events ranges without the lock while Watch's goroutine writes (positive).
func (f *Feed) Events() int {
	n := 0
	for range f.events { // want "f.events is ranged in Events without f.mu while a goroutine started in Watch writes it under f.mu"
		n++
	}
	return n
}

// Batch is built by Submit, which returns early on an error before joining.
type Batch struct {
	mu    sync.Mutex
	sizes map[string]int
}

var errEmpty = errors.New("empty name")

// Submit joins only on the path without an error.
func (c *Client) Submit(names []string) (*Batch, error) {
	b := &Batch{sizes: map[string]int{}}
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			b.mu.Lock()
			b.sizes[n] = len(n)
			b.mu.Unlock()
		}(n)
		if n == "" {
			return b, errEmpty
		}
	}
	wg.Wait()
	return b, nil
}

// Total ranges without the lock: after the early return the goroutines may still run (positive).
func (b *Batch) Total() int {
	t := 0
	for _, s := range b.sizes { // want "b.sizes is ranged in Total without b.mu while a goroutine started in Submit writes it under b.mu"
		t += s
	}
	return t
}
