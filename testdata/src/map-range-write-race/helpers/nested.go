package helpers

import "sync"

// Cache is shared by several owners.
type Cache struct {
	mu    sync.RWMutex
	items map[string][]byte
}

// Store writes the cache under its lock.
func (c *Cache) Store(key string, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = value
}

// Front owns a cache and reads through it.
type Front struct {
	cache *Cache
}

// Size ranges under the cache's lock, named through the owner: negative.
func (f *Front) Size() int {
	f.cache.mu.RLock()
	defer f.cache.mu.RUnlock()
	n := 0
	for _, v := range f.cache.items {
		n += len(v)
	}
	return n
}

// Keys forgets the lock: positive.
func (f *Front) Keys() []string {
	var out []string
	for k := range f.cache.items { // want "f.cache.items is ranged in Keys without f.cache.mu while Store writes it under c.mu"
		out = append(out, k)
	}
	return out
}
