package worker

import (
	"example.com/legacy/requeue"
	"k8s.io/client-go/util/workqueue"
)

type Worker struct {
	queue workqueue.RateLimitingInterface
	sync  func(key string) error
}

func (w *Worker) processNextItem() bool {
	key, quit := w.queue.Get()
	if quit {
		return false
	}
	defer w.queue.Done(key)
	err := w.sync(key.(string))
	requeue.OnError(w.queue, key, err) // want `queue\.Add\(key\) re-queues the failed key at once in requeue\.OnError, .*\(package requeue\)`
	return true
}

func (w *Worker) processLimited() bool {
	key, quit := w.queue.Get()
	if quit {
		return false
	}
	defer w.queue.Done(key)
	err := w.sync(key.(string))
	requeue.Limited(w.queue, key, err)
	return true
}
