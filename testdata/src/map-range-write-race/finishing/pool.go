package finishing

import "sync"

// Pool hands out items; Release gives one back.
type Pool struct {
	mu    sync.Mutex
	items map[int]bool
	names map[string]int
	tags  map[string]string
	seen  map[string]bool
}

// Get writes under the lock.
func (p *Pool) Get(id int, name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.items[id] = true
	p.names[name] = id
	p.tags[name] = name
	p.seen[name] = true
}

// Release gives back one item: a finishing name, but its argument is the item, so it runs alongside
// Get (positive).
func (p *Pool) Release(id int) int {
	n := 0
	for other := range p.items { // want "p.items is ranged in Release without p.mu while Get writes it under p.mu"
		if other != id {
			n++
		}
	}
	return n
}

// Shutdown is meant to interrupt work in progress: not a finishing method (positive).
func (p *Pool) Shutdown() {
	for name := range p.names { // want "p.names is ranged in Shutdown without p.mu while Get writes it under p.mu"
		_ = name
	}
}

// Close takes the lock itself, so it expects company, and then ranges after releasing it (positive).
func (p *Pool) Close() {
	p.mu.Lock()
	p.items = nil
	p.mu.Unlock()
	for name := range p.tags { // want "p.tags is ranged in Close without p.mu while Get writes it under p.mu"
		_ = name
	}
}

// Commit may be called concurrently with Get: its documentation says so (positive).
func (p *Pool) Commit() {
	for name := range p.seen { // want "p.seen is ranged in Commit without p.mu while Get writes it under p.mu"
		_ = name
	}
}
