// Package incident reproduces the crash behind the rule: a node-label cache
// whose Labels method ranges the map while a refresh goroutine writes it.
package incident

import (
	"sort"
	"sync"
	"time"
)

// NodeLabels caches the labels a node reports about itself.
type NodeLabels struct {
	mu     sync.RWMutex
	labels map[string]string
}

// NewNodeLabels writes the map before anyone else can see it (not reported)
// and starts the refresh goroutine.
func NewNodeLabels(period time.Duration, stop <-chan struct{}) *NodeLabels {
	l := &NodeLabels{labels: map[string]string{}}
	l.labels["node.example.io/created"] = time.Now().String()
	go func() {
		ticker := time.NewTicker(period)
		defer ticker.Stop()
		for {
			select {
			case <-stop:
				return
			case t := <-ticker.C:
				l.SetLabel("node.example.io/heartbeat", t.String())
			}
		}
	}()
	return l
}

// SetLabel writes under the write lock.
func (l *NodeLabels) SetLabel(key, value string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.labels[key] = value
}

// Labels ranges without the lock: positive.
func (l *NodeLabels) Labels() []string {
	out := make([]string, 0, len(l.labels))
	for k, v := range l.labels { // want "l.labels is ranged in Labels without l.mu while SetLabel writes it under l.mu \\(line 41\\)"
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// Guarded ranges under the read lock: negative.
func (l *NodeLabels) Guarded() []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]string, 0, len(l.labels))
	for k := range l.labels {
		out = append(out, k)
	}
	return out
}

// Snapshot copies under the read lock; ranging the copy needs no lock: negative.
func (l *NodeLabels) Snapshot() map[string]string {
	l.mu.RLock()
	cp := make(map[string]string, len(l.labels))
	for k, v := range l.labels {
		cp[k] = v
	}
	l.mu.RUnlock()
	return cp
}

// Count ranges the private copy: negative.
func (l *NodeLabels) Count() int {
	n := 0
	for range l.Snapshot() {
		n++
	}
	return n
}
