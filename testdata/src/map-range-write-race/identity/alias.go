package identity

import "sync"

// Table guards rows with mu.
type Table struct {
	mu   sync.Mutex
	rows map[string]int
}

// Set writes under t.mu.
func (t *Table) Set(k string, v int) {
	t.mu.Lock()
	t.rows[k] = v
	t.mu.Unlock()
}

// Sum takes t.mu through a local alias: negative.
func (t *Table) Sum() int {
	mu := &t.mu
	mu.Lock()
	defer mu.Unlock()
	s := 0
	for _, v := range t.rows {
		s += v
	}
	return s
}

// cursor borrows the table's mutex: every cursor is built with mu: &t.mu.
type cursor struct {
	mu *sync.Mutex
	t  *Table
}

// Cursor hands out a cursor sharing t.mu.
func (t *Table) Cursor() *cursor { return &cursor{mu: &t.mu, t: t} }

// Keys locks c.mu, which is c.t.mu: negative.
func (c *cursor) Keys() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for k := range c.t.rows {
		out = append(out, k)
	}
	return out
}

// view has a mutex of its own, which does not guard the table.
type view struct {
	mu sync.Mutex
	t  *Table
}

// View hands out a view with a fresh mutex.
func (t *Table) View() *view { return &view{t: t} }

// Keys locks only the view's own mutex: positive.
func (v *view) Keys() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []string
	for k := range v.t.rows { // want "v.t.rows is ranged in Keys under v.mu but not v.t.mu while Set writes it under t.mu"
		out = append(out, k)
	}
	return out
}

// Sessions has two mutexes; the writer and the ranger take different ones.
type Sessions struct {
	mu     sync.Mutex
	listMu sync.Mutex
	byID   map[string]int
}

// Open writes under s.mu.
func (s *Sessions) Open(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byID[id]++
}

// IDs ranges under the other lock: positive.
func (s *Sessions) IDs() []string {
	s.listMu.Lock()
	defer s.listMu.Unlock()
	var out []string
	for id := range s.byID { // want "s.byID is ranged in IDs under s.listMu but not s.mu while Open writes it under s.mu"
		out = append(out, id)
	}
	return out
}
