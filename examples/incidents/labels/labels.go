// Package labels reproduces a kubelet crash: "fatal error: concurrent map
// iteration and map write" on a node-label cache.
package labels

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

// NewNodeLabels returns an empty cache and starts a goroutine that
// refreshes the heartbeat label every period until stop is closed.
func NewNodeLabels(period time.Duration, stop <-chan struct{}) *NodeLabels {
	l := &NodeLabels{labels: map[string]string{}}
	go func() {
		ticker := time.NewTicker(period)
		defer ticker.Stop()
		for {
			select {
			case <-stop:
				return
			case t := <-ticker.C:
				l.SetLabel("node.example.io/heartbeat", t.UTC().Format(time.RFC3339))
			}
		}
	}()
	return l
}

// SetLabel stores a label under the write lock.
func (l *NodeLabels) SetLabel(key, value string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.labels[key] = value
}

// Labels reproduces incident 2 (map-range-write-race): it ranges over
// l.labels without taking l.mu, while the refresh goroutine writes the map
// under the lock, so the runtime aborts the process.
func (l *NodeLabels) Labels() []string {
	out := make([]string, 0, len(l.labels))
	for k, v := range l.labels {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// SafeNodeLabels is the same cache with every read guarded.
type SafeNodeLabels struct {
	mu     sync.RWMutex
	labels map[string]string
}

// NewSafeNodeLabels returns an empty cache with the same refresh goroutine.
func NewSafeNodeLabels(period time.Duration, stop <-chan struct{}) *SafeNodeLabels {
	l := &SafeNodeLabels{labels: map[string]string{}}
	go func() {
		ticker := time.NewTicker(period)
		defer ticker.Stop()
		for {
			select {
			case <-stop:
				return
			case t := <-ticker.C:
				l.SetLabel("node.example.io/heartbeat", t.UTC().Format(time.RFC3339))
			}
		}
	}()
	return l
}

// SetLabel stores a label under the write lock.
func (l *SafeNodeLabels) SetLabel(key, value string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.labels[key] = value
}

// Labels is the fixed twin: the range runs while l.mu.RLock is held, so no
// write can happen during the iteration.
func (l *SafeNodeLabels) Labels() []string {
	l.mu.RLock()
	out := make([]string, 0, len(l.labels))
	for k, v := range l.labels {
		out = append(out, k+"="+v)
	}
	l.mu.RUnlock()
	sort.Strings(out)
	return out
}

// Snapshot is the other safe shape: copy the map under the read lock, then
// let callers range over the private copy with no lock held.
func (l *SafeNodeLabels) Snapshot() map[string]string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	cp := make(map[string]string, len(l.labels))
	for k, v := range l.labels {
		cp[k] = v
	}
	return cp
}
