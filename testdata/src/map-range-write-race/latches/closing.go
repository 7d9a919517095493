package latches

import (
	"log"
	"sync"
)

// Cache refuses writes once closed, but Close starts nothing: the flag marks the end of its life,
// not the start of serving, and Set runs concurrently with Keys until then.
type Cache struct {
	mu     sync.Mutex
	closed bool
	items  map[string]int
}

// Close sets the flag.
func (c *Cache) Close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

// Set writes under the lock while not closed.
func (c *Cache) Set(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.items[k] = v
}

// Keys ranges without the lock (positive).
func (c *Cache) Keys() []string {
	var out []string
	for k := range c.items { // want "c.items is ranged in Keys without c.mu while Set writes it under c.mu"
		out = append(out, k)
	}
	return out
}

// Table's check only logs and goes on: no refusal, so Insert runs whenever it is called.
type Table struct {
	mu      sync.Mutex
	serving bool
	rows    map[string]int
	pending map[string]int
}

// Serve sets the flag and starts a goroutine.
func (t *Table) Serve() {
	t.mu.Lock()
	t.serving = true
	t.mu.Unlock()
	go t.loop()
}

func (t *Table) loop() {}

// Insert goes on after the check (positive against Rows).
func (t *Table) Insert(k string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.serving {
		log.Printf("late insert %s", k)
	}
	t.rows[k]++
}

// Rows ranges without the lock.
func (t *Table) Rows() int {
	n := 0
	for range t.rows { // want "t.rows is ranged in Rows without t.mu while Insert writes it under t.mu"
		n++
	}
	return n
}
