//go:build go1.21

package identity

import "sync"

// Tomb tracks children; this file and tomb_old.go declare addChild for alternative builds.
type Tomb struct {
	mu    sync.Mutex
	child map[string]func()
}

// Child registers a child under the lock.
func (t *Tomb) Child(name string, cancel func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.addChild(name, cancel)
}

// addChild writes and prunes under its caller's lock (the newer build): negative.
func (t *Tomb) addChild(name string, cancel func()) {
	if t.child == nil {
		t.child = map[string]func(){}
	}
	t.child[name] = cancel
	for n, c := range t.child {
		if c == nil {
			delete(t.child, n)
		}
	}
}

// Kill cancels every child under the lock.
func (t *Tomb) Kill() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, cancel := range t.child {
		cancel()
	}
}
