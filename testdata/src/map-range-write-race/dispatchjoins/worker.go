// Package dispatchjoins covers joins reached through calls: a Pause through an interface that the
// implementation starting the goroutines answers by waiting for them, a local flag saying whether
// they were started, and what stays concurrent (a range before the join, a join under another flag,
// a start again after it).
package dispatchjoins

import "sync"

// Worker is started and paused through an interface with two implementations.
type Worker interface {
	Start()
	Pause()
}

// tally counts from a goroutine per start, under mu.
type tally struct {
	mu     sync.Mutex
	counts map[string]int
	wg     sync.WaitGroup
}

func (t *tally) Start() {
	t.wg.Add(1)
	go t.count()
}

func (t *tally) count() {
	defer t.wg.Done()
	t.mu.Lock()
	t.counts["tick"]++
	t.mu.Unlock()
}

// Pause waits for the counting goroutines.
func (t *tally) Pause() {
	t.wg.Wait()
}

// idle starts nothing.
type idle struct{}

func (idle) Start() {}
func (idle) Pause() {}
