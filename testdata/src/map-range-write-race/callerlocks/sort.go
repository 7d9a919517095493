package callerlocks

import (
	"sort"
	"sync"
)

// ranked keeps names sorted by score and each name's rank.
type ranked struct {
	names  []string
	scores []int
	rank   map[string]int
}

func (r *ranked) Len() int           { return len(r.names) }
func (r *ranked) Less(i, j int) bool { return r.scores[i] > r.scores[j] }

// Swap runs only inside sort.Sort(&b.r), called under b.mu: negative.
func (r *ranked) Swap(i, j int) {
	r.names[i], r.names[j] = r.names[j], r.names[i]
	r.scores[i], r.scores[j] = r.scores[j], r.scores[i]
	r.rank[r.names[i]] = i
	r.rank[r.names[j]] = j
}

// Board guards the ranking with mu.
type Board struct {
	mu sync.RWMutex
	r  ranked
}

// Add inserts and re-sorts under the lock.
func (b *Board) Add(name string, score int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.r.names = append(b.r.names, name)
	b.r.scores = append(b.r.scores, score)
	b.r.rank[name] = len(b.r.names) - 1
	sort.Sort(&b.r)
}

// Ranks ranges under the read lock.
func (b *Board) Ranks() map[string]int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make(map[string]int, len(b.r.rank))
	for n, i := range b.r.rank {
		out[n] = i
	}
	return out
}
