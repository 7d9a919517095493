// Package basic holds suppression comments, well-formed and malformed, around a small cache.
package basic

import (
	"errors"
	"sync"
)

// Cache maps keys to loaded values.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*Entry
}

// Entry is one cached value.
type Entry struct {
	Value []byte
}

// Get is fine: a directive with an id and a reason.
func (c *Cache) Get(key string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	//gocop:ignore nil-deref-after-check entries are filled in New before the cache is shared
	return c.entries[key].Value
}

// Peek has a directive with no reason: it suppresses nothing and is reported.
func (c *Cache) Peek(key string) []byte {
	// want +1 "//gocop:ignore nil-deref-after-check needs a reason after the rule ids"
	//gocop:ignore nil-deref-after-check
	return c.entries[key].Value
}

// Keys names no rule at all.
func (c *Cache) Keys() []string {
	// want +1 `//gocop:ignore needs the rule ids to suppress and a reason`
	//gocop:ignore
	keys := make([]string, 0, len(c.entries))
	for key := range c.entries {
		keys = append(keys, key)
	}
	return keys
}

// Load mistypes the rule id.
func (c *Cache) Load(key string) (*Entry, error) {
	entry, ok := c.entries[key]
	if !ok {
		return nil, errors.New("missing " + key)
	}
	// want +1 `unknown rule "nil-deref-after-chek" in //gocop:ignore \(did you mean nil-deref-after-check\?\)`
	_ = entry.Value //gocop:ignore nil-deref-after-chek ok is checked above
	return entry, nil
}

// Store mistypes the verb and puts a space after the slashes.
func (c *Cache) Store(key string, value []byte) {
	// want +1 `unknown directive //gocop:ingore \(did you mean //gocop:ignore\?\)`
	c.mu.Lock() //gocop:ingore map-range-write-race writes hold the lock
	// want +1 `write //gocop:ignore with no space after //`
	c.entries[key] = &Entry{Value: value} // gocop:ignore map-range-write-race the lock is held
	c.mu.Unlock()
}
