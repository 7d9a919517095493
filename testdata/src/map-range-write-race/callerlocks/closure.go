package callerlocks

import "sync"

// Recorder counts keys under mu.
type Recorder struct {
	mu   sync.Mutex
	seen map[string]int
}

// ObserveAll calls bump through a local closure while it holds the lock.
func (r *Recorder) ObserveAll(keys []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	observe := func(k string) { r.bump(k) }
	for _, k := range keys {
		observe(k)
	}
}

// bump's only call site is inside a closure run under r.mu: negative.
func (r *Recorder) bump(k string) { r.seen[k]++ }

// Snapshot ranges under the lock.
func (r *Recorder) Snapshot() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for k, v := range r.seen {
		out[k] = v
	}
	return out
}

// Queue's push helper is called with and without the lock.
type Queue struct {
	mu   sync.Mutex
	byID map[string]int
}

// Enqueue holds the lock.
func (q *Queue) Enqueue(id string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.push(id)
}

// Requeue forgets it.
func (q *Queue) Requeue(id string) { q.push(id) }

func (q *Queue) push(id string) { q.byID[id]++ } // want "q.byID is written in push without a lock while IDs ranges over it \\(line 58\\); hold q.mu where Requeue calls push, as IDs does"

// IDs ranges under the lock.
func (q *Queue) IDs() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []string
	for id := range q.byID {
		out = append(out, id)
	}
	return out
}
