package ordering

import "sync"

// Log writes segments from a writer goroutine and from exported methods, always under mu.
type Log struct {
	mu       sync.Mutex
	segments map[int]string
	next     int
	writes   chan string
	stopped  chan struct{}
}

// NewLog starts the writer.
func NewLog() *Log {
	l := &Log{segments: map[int]string{}, writes: make(chan string), stopped: make(chan struct{})}
	go l.writer()
	return l
}

func (l *Log) writer() {
	defer close(l.stopped)
	for s := range l.writes {
		l.mu.Lock()
		l.next++
		l.segments[l.next] = s
		l.mu.Unlock()
	}
}

// Rotate writes under the lock.
func (l *Log) Rotate() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next++
	l.segments[l.next] = ""
}

// Close first stops and joins the writer goroutine, then ranges without the lock. The join orders
// it after the writer; the lifecycle contract (no method runs concurrently with or after Close,
// which is what the join is for) orders it after Rotate. Negative.
func (l *Log) Close() []string {
	close(l.writes)
	<-l.stopped
	var out []string
	for _, s := range l.segments {
		out = append(out, s)
	}
	return out
}

// Cache is written by its methods under mu; its Cleanup joins nothing before ranging.
type Cache struct {
	mu    sync.Mutex
	items map[string]int
}

// Put writes under the lock.
func (c *Cache) Put(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = v
}

// Cleanup ranges without the lock and without any join first: Put may still run. Positive.
func (c *Cache) Cleanup() {
	for k := range c.items { // want "c.items is ranged in Cleanup without c.mu while Put writes it under c.mu \\(line 62\\); hold c.mu around the loop"
		c.drop(k)
	}
}

func (c *Cache) drop(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.items, k)
}
