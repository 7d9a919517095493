package signals

import "sync"

// Feed has the shape of Stream, but its closing goroutine starts before any signal was received and
// waits for only two of the three goroutines.
type Feed struct {
	mu      sync.Mutex
	entries map[int]string
	in      chan string
}

// ServeFeed: fill may still run when drop ranges (positive, reported at the write in fill).
func ServeFeed(in chan string) {
	f := &Feed{entries: map[int]string{}, in: in}
	stopc := make(chan struct{}, 3)
	go func() {
		defer func() { stopc <- struct{}{} }()
		f.fill()
	}()
	go func() {
		defer func() { stopc <- struct{}{} }()
	}()
	go func() {
		defer func() { stopc <- struct{}{} }()
	}()
	go func() {
		<-stopc
		<-stopc
		f.drop()
	}()
}

func (f *Feed) fill() {
	n := 0
	for v := range f.in {
		n++
		f.entries[n] = v // want "f.entries is written in fill without a lock while drop ranges over it \\(line 45\\); hold f.mu here, as drop does"
	}
}

func (f *Feed) drop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for k := range f.entries {
		delete(f.entries, k)
	}
}
