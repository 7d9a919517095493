// Package custom holds workers over queues that are not obviously work queues by name.
package custom

import (
	"errors"
	"time"

	"gocop.test/retry/workqueue"
)

// Tasks names the rate-limited queue without saying "queue"; the workqueue import gives it away.
type Tasks = workqueue.RateLimitingInterface

// Runner processes tasks.
type Runner struct {
	tasks   Tasks
	retries *retryQueue
	run     func(task string) error
}

// processTask re-adds a failed task at once; the queue is known from the file's workqueue import.
func (r *Runner) processTask() bool {
	item, quit := r.tasks.Get()
	if quit {
		return false
	}
	defer r.tasks.Done(item)
	task := item.(string)
	err := r.run(task)
	if err == nil {
		r.tasks.Forget(task)
		return true
	}
	if errors.Is(err, errBusy) {
		r.tasks.Add(task) // want `r\.tasks\.Add\(task\) re-queues the failed key at once`
	}
	return true
}

var errBusy = errors.New("busy")

// retryQueue delays every Add by itself, so adding to it at once is fine.
type retryQueue struct {
	delay time.Duration
	inner workqueue.Interface
}

func (q *retryQueue) Add(item interface{}) {
	time.AfterFunc(q.delay, func() { q.inner.Add(item) })
}

func (q *retryQueue) Get() (interface{}, bool) { return q.inner.Get() }

func (q *retryQueue) Done(item interface{}) { q.inner.Done(item) }

// processDelayed re-adds to a queue whose Add waits: quiet.
func (r *Runner) processDelayed() bool {
	item, quit := r.retries.Get()
	if quit {
		return false
	}
	defer r.retries.Done(item)
	if err := r.run(item.(string)); err != nil {
		r.retries.Add(item)
	}
	return true
}
