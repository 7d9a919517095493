package callerlocks

import "sync"

// Book documents which of its methods need the lock held by the caller.
type Book struct {
	mu      sync.Mutex
	entries map[string]int
}

// Put writes under the lock.
func (b *Book) Put(k string, v int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.entries[k] = v
}

// keys must be called while holding b.mu: negative.
func (b *Book) keys() []string {
	var out []string
	for k := range b.entries {
		out = append(out, k)
	}
	return out
}

// String is for debugging only and must not be called concurrently with Put: negative.
func (b *Book) String() string {
	s := ""
	for k := range b.entries {
		s += k
	}
	return s
}

// Keys holds the lock around the documented helper.
func (b *Book) Keys() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.keys()
}

// store keeps rows; UnsafeSet must be called holding the lock, as the interface says.
type store struct {
	mu   sync.Mutex
	rows map[string]string
}

// UnsafeSet must be called holding s.mu.
func (s *store) UnsafeSet(k, v string) { s.rows[k] = v }

// Rows ranges under the lock.
func (s *store) Rows() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k := range s.rows {
		out = append(out, k)
	}
	return out
}

// bufferedStore wraps store; its UnsafeSet keeps the contract of the method it overrides. Negative.
type bufferedStore struct {
	store
	pending map[string]string
}

// UnsafeSet records the pending write too.
func (b *bufferedStore) UnsafeSet(k, v string) {
	b.store.UnsafeSet(k, v)
	b.rows[k] = v
}
