package callerlocks

import (
	"sort"
	"sync"
)

// entry is a directory entry; renames lock every entry involved through lockEntries.
type entry struct {
	id       int
	mu       sync.Mutex
	children map[string]*entry
}

// lockEntries locks each entry in id order; it only locks, so its callers return holding them all.
func lockEntries(es ...*entry) {
	sort.Slice(es, func(i, j int) bool { return es[i].id < es[j].id })
	for _, e := range es {
		e.mu.Lock()
	}
}

func unlockEntries(es ...*entry) {
	for _, e := range es {
		e.mu.Unlock()
	}
}

// Move writes both maps under the locks lockEntries took: negative.
func (e *entry) Move(name string, to *entry) {
	lockEntries(e, to)
	defer unlockEntries(e, to)
	to.children[name] = e.children[name]
	delete(e.children, name)
}

// Names ranges under the entry's own lock.
func (e *entry) Names() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for n := range e.children {
		out = append(out, n)
	}
	return out
}
