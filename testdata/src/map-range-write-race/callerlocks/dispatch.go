package callerlocks

import "sync"

// recorder keeps counts per key; a worker goroutine applies commands to it, and readers take mu.
type recorder struct {
	mu     sync.Mutex
	counts map[string]int
	cmds   chan command
}

// command is run by the worker; each kind of command is a type of its own.
type command interface {
	apply(r *recorder)
}

type addCmd struct{ key string }

type flushCmd struct{ done chan struct{} }

// apply runs on the worker goroutine only (through the interface), under mu.
func (c *addCmd) apply(r *recorder) {
	r.mu.Lock()
	r.counts[c.key]++
	r.mu.Unlock()
}

// apply ranges without mu: it runs on the same worker goroutine as every write. Negative.
func (c *flushCmd) apply(r *recorder) {
	r.report()
	close(c.done)
}

// report is called by the worker without mu and by Snapshot under it: from Snapshot's side it is
// guarded, from the worker's side it never meets a write on another goroutine. Negative.
func (r *recorder) report() int {
	n := 0
	for range r.counts {
		n++
	}
	return n
}

// Start runs the worker.
func (r *recorder) Start() {
	go func() {
		for {
			select {
			case cmd := <-r.cmds:
				cmd.apply(r)
			}
		}
	}()
}

// Snapshot reports under the lock from any goroutine.
func (r *recorder) Snapshot() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.report()
}
