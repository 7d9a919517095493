package callerlocks

import "sync"

// index is an unexported helper type: its methods, exported names or not, are reached only through
// Catalog, which calls them as c.idx.Put() under c.mu.
type index struct {
	byName map[string]int
}

// Put runs under the caller's c.mu: negative.
func (x *index) Put(name string, id int) { x.byName[name] = id }

// Drop runs under the caller's c.mu: negative.
func (x *index) Drop(name string) { delete(x.byName, name) }

// Catalog guards its index with mu.
type Catalog struct {
	mu  sync.Mutex
	idx index
}

// Register writes through the field's method under the lock.
func (c *Catalog) Register(name string, id int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.idx.Put(name, id)
}

// Remove deletes through the field's method under the lock.
func (c *Catalog) Remove(name string) {
	c.mu.Lock()
	c.idx.Drop(name)
	c.mu.Unlock()
}

// Names ranges the field's map under the same lock.
func (c *Catalog) Names() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for n := range c.idx.byName {
		out = append(out, n)
	}
	return out
}

// table is another helper type; one owner calls it without its lock.
type table struct {
	rows map[string]string
}

func (t *table) Set(k, v string) { t.rows[k] = v } // want "t.rows is written in Set without a lock while Dump ranges over it \\(line 76\\); hold c.mu where Watch calls Set, as Dump does"

// Config guards its table with mu, except in Watch.
type Config struct {
	mu  sync.Mutex
	tab table
}

// Watch applies updates on a goroutine without c.mu. The write is reached only through the field's
// method, so the finding is on that write, and the message names the caller's missing lock.
func (c *Config) Watch(updates <-chan [2]string) {
	go func() {
		for u := range updates {
			c.tab.Set(u[0], u[1])
		}
	}()
}

// Dump ranges under the lock.
func (c *Config) Dump() map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]string{}
	for k, v := range c.tab.rows {
		out[k] = v
	}
	return out
}
