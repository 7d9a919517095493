package callerlocks

import (
	"container/heap"
	"sync"
	"time"
)

type lease struct {
	owner string
	until time.Time
}

// leaseHeap is the same shape as timerHeap (only Push touches the map), but one caller forgets the lock.
type leaseHeap struct {
	items   []*lease
	byOwner map[string]int
}

func (h *leaseHeap) Len() int           { return len(h.items) }
func (h *leaseHeap) Less(i, j int) bool { return h.items[i].until.Before(h.items[j].until) }
func (h *leaseHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *leaseHeap) Push(x any) {
	l := x.(*lease)
	h.byOwner[l.owner] = len(h.items) // want "h.byOwner is written in Push without a lock while Owners ranges over it \\(line 60\\); hold l.mu where Grant calls Push, as Owners does"
	h.items = append(h.items, l)
}
func (h *leaseHeap) Pop() any {
	old := h.items
	l := old[len(old)-1]
	h.items = old[:len(old)-1]
	return l
}

// Leases guards its heap with mu, except in Grant.
type Leases struct {
	mu   sync.Mutex
	heap leaseHeap
}

// Grant pushes without the lock from a goroutine: the heap callbacks run unguarded. Positive (reported at the callback).
func (l *Leases) Grant(owner string) {
	go func() {
		heap.Push(&l.heap, &lease{owner: owner, until: time.Now().Add(time.Minute)})
	}()
}

// Renew pushes under the lock.
func (l *Leases) Renew(owner string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	heap.Push(&l.heap, &lease{owner: owner, until: time.Now().Add(time.Hour)})
}

// Owners ranges under the lock.
func (l *Leases) Owners() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for o := range l.heap.byOwner {
		out = append(out, o)
	}
	return out
}
