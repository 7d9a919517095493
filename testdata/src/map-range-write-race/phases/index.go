package phases

import (
	"sync"

	bolt "go.etcd.io/bbolt"
)

// Index marks names dirty inside write transactions of its store.
type Index struct {
	mu    sync.Mutex
	db    *bolt.DB
	dirty map[string]bool
}

// Mark writes inside the store's transaction callback, whose locking is out of sight (negative).
func (x *Index) Mark(name string) error {
	return x.db.Update(func(tx *bolt.Tx) error {
		x.dirty[name] = true
		return nil
	})
}

// Sweep ranges under the index's lock.
func (x *Index) Sweep() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	n := 0
	for name := range x.dirty {
		delete(x.dirty, name)
		n++
	}
	return n
}

// Touch writes without any lock while Sweep ranges under x.mu: positive.
func (x *Index) Touch(name string) {
	x.dirty[name] = false // want "x.dirty is written in Touch without a lock while Sweep ranges over it"
}
