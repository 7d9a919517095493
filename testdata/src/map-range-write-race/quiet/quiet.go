// Package quiet holds shapes that must not be reported: no mutex and no
// goroutine anywhere, sync.Map, and the swap idiom.
package quiet

import (
	"sync"
)

// Graph has no mutex and the package starts no goroutine: negative.
type Graph struct {
	edges map[string][]string
}

// AddEdge writes the map.
func (g *Graph) AddEdge(from, to string) {
	g.edges[from] = append(g.edges[from], to)
}

// Nodes ranges it.
func (g *Graph) Nodes() []string {
	var out []string
	for n := range g.edges {
		out = append(out, n)
	}
	return out
}

// Prune deletes while ranging on the same goroutine: negative.
func (g *Graph) Prune() {
	for n, to := range g.edges {
		if len(to) == 0 {
			delete(g.edges, n)
		}
	}
}

// Peers uses sync.Map, which is safe to range while others store: negative.
type Peers struct {
	m sync.Map
}

// Add stores a peer.
func (p *Peers) Add(name string) { p.m.Store(name, true) }

// Names ranges with Range.
func (p *Peers) Names() []string {
	var out []string
	p.m.Range(func(k, _ interface{}) bool {
		out = append(out, k.(string))
		return true
	})
	return out
}

// Batch swaps its map out under the lock and ranges the old one: negative.
type Batch struct {
	mu      sync.Mutex
	pending map[string]int
}

// Add writes under the lock.
func (b *Batch) Add(key string) {
	b.mu.Lock()
	b.pending[key]++
	b.mu.Unlock()
}

// Flush takes the map and leaves a fresh one, then ranges the taken map.
func (b *Batch) Flush() int {
	b.mu.Lock()
	taken := b.pending
	b.pending = map[string]int{}
	b.mu.Unlock()
	total := 0
	for _, n := range taken {
		total += n
	}
	return total
}
