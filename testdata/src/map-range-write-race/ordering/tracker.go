package ordering

import (
	"sync"
	"time"
)

// Tracker is started by its constructor, which keeps writing after the goroutine runs.
type Tracker struct {
	mu   sync.Mutex
	seen map[string]bool
}

// StartTracker writes after `go t.report()`: the goroutine may be ranging already. Positive.
func StartTracker(self string) *Tracker {
	t := &Tracker{seen: map[string]bool{}}
	go t.report()
	t.seen[self] = true // want "t.seen is written in StartTracker without a lock while report ranges over it \\(line 33\\); hold t.mu here, as report does"
	return t
}

// Mark writes under the lock.
func (t *Tracker) Mark(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.seen[name] = true
}

func (t *Tracker) report() {
	for {
		t.mu.Lock()
		n := 0
		for range t.seen {
			n++
		}
		t.mu.Unlock()
		time.Sleep(time.Duration(n) * time.Millisecond)
	}
}
