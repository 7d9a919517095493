package helpers

import "sync"

// base holds the map and its lock; Agent embeds it.
type base struct {
	mu     sync.Mutex
	labels map[string]string
}

func (b *base) set(key, value string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.labels[key] = value
}

// Agent promotes base's fields and methods.
type Agent struct {
	base
}

// Label writes through the promoted method.
func (a *Agent) Label(key, value string) { a.set(key, value) }

// Labels ranges the promoted field under the promoted lock: negative.
func (a *Agent) Labels() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.labels)
}

// Dump ranges the promoted field without the lock: positive.
func (a *Agent) Dump() []string {
	var out []string
	for k := range a.labels { // want "a.labels is ranged in Dump without a.mu while set writes it under b.mu"
		out = append(out, k)
	}
	return out
}

// Sorted ranges under the promoted lock: negative.
func (a *Agent) Sorted() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for k := range a.labels {
		out = append(out, k)
	}
	return out
}
