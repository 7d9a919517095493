package callerlocks

import (
	"container/heap"
	"sync"
	"time"
)

// Scheduler guards its heap with mu.
type Scheduler struct {
	mu     sync.Mutex
	timers timerHeap
}

// NewScheduler builds an empty scheduler.
func NewScheduler() *Scheduler {
	return &Scheduler{timers: timerHeap{pos: map[string]int{}}}
}

// Add pushes under the lock.
func (s *Scheduler) Add(id string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	heap.Push(&s.timers, &timer{id: id, at: at})
}

// Next pops under the lock.
func (s *Scheduler) Next() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timers.Len() == 0 {
		return ""
	}
	return heap.Pop(&s.timers).(*timer).id
}

// Reschedule fixes under the lock.
func (s *Scheduler) Reschedule(id string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.timers.pos[id]; ok {
		s.timers.items[i].at = at
		heap.Fix(&s.timers, i)
	}
}

// Pending ranges the index under the lock.
func (s *Scheduler) Pending() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for id := range s.timers.pos {
		out = append(out, id)
	}
	return out
}

// Run expires timers on a goroutine, under the lock.
func (s *Scheduler) Run(stop <-chan struct{}) {
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Second):
				s.mu.Lock()
				for s.timers.Len() > 0 && s.timers.items[0].at.Before(time.Now()) {
					heap.Pop(&s.timers)
				}
				s.mu.Unlock()
			}
		}
	}()
}
