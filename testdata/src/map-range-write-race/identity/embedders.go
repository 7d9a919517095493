package identity

import "sync"

// counters is embedded by two unrelated types; each embedding value has its own map.
type counters struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *counters) inc(k string) {
	c.mu.Lock()
	c.m[k]++
	c.mu.Unlock()
}

// Meter is incremented from many goroutines through the promoted inc.
type Meter struct {
	counters
}

// Hit writes through the promoted method.
func (m *Meter) Hit(k string) { m.inc(k) }

// Serve increments on a goroutine.
func (m *Meter) Serve(keys <-chan string) {
	go func() {
		for k := range keys {
			m.Hit(k)
		}
	}()
}

// Snapshot ranges under the promoted lock.
func (m *Meter) Snapshot() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]int{}
	for k, v := range m.m {
		out[k] = v
	}
	return out
}

// Report ranges Meter's map without the lock while Serve's goroutine increments it: positive.
func (m *Meter) Report() int {
	n := 0
	for range m.m { // want "m.m is ranged in Report without m.mu while inc writes it under c.mu"
		n++
	}
	return n
}

// Tally embeds counters too, is filled by its constructor and never incremented: its map is not
// Meter's map, so ranging it without the lock is no race. Negative.
type Tally struct {
	counters
}

// NewTally fills the map once.
func NewTally(keys []string) *Tally {
	t := &Tally{counters{m: map[string]int{}}}
	for _, k := range keys {
		t.m[k] = 1
	}
	return t
}

// Keys ranges Tally's own map: negative.
func (t *Tally) Keys() []string {
	var out []string
	for k := range t.m {
		out = append(out, k)
	}
	return out
}
