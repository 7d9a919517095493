// Package workqueue is a small stand-in for a rate-limited work queue, written for these tests. It
// is also a negative case: a queue's own Add, AddAfter and Get are not re-queues of failed work.
package workqueue

import (
	"sync"
	"time"
)

// Interface is a queue of keys that are processed one at a time.
type Interface interface {
	Add(item interface{})
	Get() (item interface{}, shutdown bool)
	Done(item interface{})
	ShutDown()
}

// RateLimitingInterface adds per-item exponential backoff to Interface.
type RateLimitingInterface interface {
	Interface
	AddAfter(item interface{}, delay time.Duration)
	AddRateLimited(item interface{})
	Forget(item interface{})
	NumRequeues(item interface{}) int
}

type queue struct {
	mu       sync.Mutex
	cond     *sync.Cond
	items    []interface{}
	failures map[interface{}]int
	closed   bool
}

// New returns an empty rate-limited queue.
func New() RateLimitingInterface {
	q := &queue{failures: map[interface{}]int{}}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *queue) Add(item interface{}) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append(q.items, item)
	q.cond.Signal()
}

// Get blocks until an item is ready; waiting on the condition is not a retry.
func (q *queue) Get() (interface{}, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return nil, true
	}
	item := q.items[0]
	q.items = q.items[1:]
	return item, false
}

func (q *queue) Done(item interface{}) {}

func (q *queue) ShutDown() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.cond.Broadcast()
}

func (q *queue) AddAfter(item interface{}, delay time.Duration) {
	time.AfterFunc(delay, func() { q.Add(item) })
}

func (q *queue) AddRateLimited(item interface{}) {
	q.mu.Lock()
	failures := q.failures[item]
	q.failures[item] = failures + 1
	q.mu.Unlock()
	q.AddAfter(item, (5*time.Millisecond)<<uint(failures))
}

func (q *queue) Forget(item interface{}) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.failures, item)
}

func (q *queue) NumRequeues(item interface{}) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.failures[item]
}
