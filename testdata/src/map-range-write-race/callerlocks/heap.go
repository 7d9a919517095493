// Package callerlocks covers locks held by the callers: helpers whose every call site holds the lock,
// library callbacks run under the caller's lock (container/heap, sort), methods of a field's type
// called as t.field.m() under t.mu, closures called under the lock, and callbacks that a library
// documents as serialised. The heap's methods and the Scheduler that calls heap.Push under its lock
// are in different files.
package callerlocks

import "time"

type timer struct {
	id string
	at time.Time
}

// timerHeap orders timers by deadline and keeps each timer's position by id.
type timerHeap struct {
	items []*timer
	pos   map[string]int
}

func (h *timerHeap) Len() int           { return len(h.items) }
func (h *timerHeap) Less(i, j int) bool { return h.items[i].at.Before(h.items[j].at) }

// Swap runs only inside heap.Push/Pop/Fix, always called under s.mu: negative.
func (h *timerHeap) Swap(i, j int) {
	h.items[i], h.items[j] = h.items[j], h.items[i]
	h.pos[h.items[i].id] = i
	h.pos[h.items[j].id] = j
}

// Push is heap.Interface's Push, run by heap.Push under s.mu: negative.
func (h *timerHeap) Push(x any) {
	t := x.(*timer)
	h.pos[t.id] = len(h.items)
	h.items = append(h.items, t)
}

// Pop is heap.Interface's Pop, run by heap.Pop under s.mu: negative.
func (h *timerHeap) Pop() any {
	old := h.items
	t := old[len(old)-1]
	h.items = old[:len(old)-1]
	delete(h.pos, t.id)
	return t
}
