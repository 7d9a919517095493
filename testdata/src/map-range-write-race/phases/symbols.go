// Package phases covers code whose locking happens out of sight or whose
// phases are ordered: callbacks run inside an external transaction, and a
// pass that owns the map after the concurrent workers finished.
package phases

import "sync"

var (
	symMu sync.Mutex
	syms  = map[string]int{}
)

// Need records a symbol; concurrent workers call it, so it locks.
func Need(name string) {
	symMu.Lock()
	syms[name]++
	symMu.Unlock()
}

// Emit runs once the workers are done: it deletes from the map itself
// without a lock, so this pass owns the map (negative).
func Emit() []string {
	var out []string
	for name := range syms {
		out = append(out, name)
	}
	for _, name := range out {
		forget(name)
	}
	return out
}

func forget(name string) {
	delete(syms, name)
}
