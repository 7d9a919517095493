package helpers

import "sync"

// Table locks through wrapper methods.
type Table struct {
	mu   sync.Mutex
	rows map[int]string
}

func (t *Table) lock()   { t.mu.Lock() }
func (t *Table) unlock() { t.mu.Unlock() }

// Insert writes between the wrappers: negative.
func (t *Table) Insert(id int, row string) {
	t.lock()
	defer t.unlock()
	t.rows[id] = row
}

// Rows ranges between the wrappers: negative.
func (t *Table) Rows() []string {
	t.lock()
	var out []string
	for _, r := range t.rows {
		out = append(out, r)
	}
	t.unlock()
	return out
}

// withLock runs fn with the locker held.
func withLock(l sync.Locker, fn func()) {
	l.Lock()
	defer l.Unlock()
	fn()
}

// Conn embeds its mutex.
type Conn struct {
	sync.Mutex
	streams map[int]bool
}

// Open writes under the embedded mutex: negative.
func (c *Conn) Open(id int) {
	c.Lock()
	c.streams[id] = true
	c.Unlock()
}

// Close ranges inside withLock(c, ...): negative.
func (c *Conn) Close() int {
	n := 0
	withLock(c, func() {
		for id := range c.streams {
			delete(c.streams, id)
			n++
		}
	})
	return n
}

// Active ranges without the embedded mutex: positive.
func (c *Conn) Active() int {
	n := 0
	for _, open := range c.streams { // want "c.streams is ranged in Active without c\\.Lock\\(\\) while Open writes it under c\\.Lock\\(\\)"
		if open {
			n++
		}
	}
	return n
}
