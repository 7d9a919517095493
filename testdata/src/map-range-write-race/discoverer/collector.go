package discoverer

import (
	"sync"
	"time"
)

// Collector exports the discoverer's timestamps as metrics.
type Collector struct {
	mu    sync.Mutex
	d     *Discoverer
	stale int
}

// Collect ranges the discoverer's map under the collector's own lock, which
// does not exclude the discoverer's writer: positive, reported at the range.
func (c *Collector) Collect(now time.Time) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stale = 0
	for _, seen := range c.d.lastSeen { // want "c.d.lastSeen is ranged in Collect under c.mu but not c.d.mu while observe writes it under d.mu \\(line 39\\)"
		if now.Sub(seen) > time.Minute {
			c.stale++
		}
	}
	return c.stale
}

// CollectSafe ranges the snapshot the discoverer copied under its lock: negative.
func (c *Collector) CollectSafe(now time.Time) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stale = 0
	for _, seen := range c.d.Snapshot() {
		if now.Sub(seen) > time.Minute {
			c.stale++
		}
	}
	return c.stale
}

// CollectLocked takes the discoverer's lock around the loop: negative.
func (c *Collector) CollectLocked(now time.Time) int {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	n := 0
	for _, seen := range c.d.lastSeen {
		if now.Sub(seen) > time.Minute {
			n++
		}
	}
	return n
}

// A mutex of an unrelated type is never confused with the discoverer's.
var _ sync.Locker = &sync.Mutex{}
