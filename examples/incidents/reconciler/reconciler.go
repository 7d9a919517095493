// Package reconciler reproduces incident 7: a controller whose worker looks
// right on its own, but whose failed keys go back through the shared error
// handler of another package (queueutil.HandleErr), which re-queues them at
// once. Only a linter that reads the helper's package sees the hot loop.
package reconciler

import "example.com/incidents/queueutil"

// Reconciler syncs the keys of its queue.
type Reconciler struct {
	queue queueutil.RateLimitingInterface
	sync  func(key string) error
}

// Run processes items until the queue is shut down.
func (r *Reconciler) Run(stop <-chan struct{}) {
	defer r.queue.ShutDown()
	go func() {
		for r.processNextWorkItem() {
		}
	}()
	<-stop
}

// processNextWorkItem hands every sync error to queueutil.HandleErr, which
// puts the failed key back at once.
func (r *Reconciler) processNextWorkItem() bool {
	item, quit := r.queue.Get()
	if quit {
		return false
	}
	defer r.queue.Done(item)
	key := item.(string)
	err := r.sync(key)
	queueutil.HandleErr(r.queue, key, err)
	return true
}

// FixedReconciler is the fixed twin of Reconciler.
type FixedReconciler struct {
	queue queueutil.RateLimitingInterface
	sync  func(key string) error
}

// Run processes items until the queue is shut down.
func (r *FixedReconciler) Run(stop <-chan struct{}) {
	defer r.queue.ShutDown()
	go func() {
		for r.processNextWorkItem() {
		}
	}()
	<-stop
}

// processNextWorkItem hands sync errors to queueutil.HandleErrWithBackoff,
// which rate-limits the failed key and forgets it once it syncs.
func (r *FixedReconciler) processNextWorkItem() bool {
	item, quit := r.queue.Get()
	if quit {
		return false
	}
	defer r.queue.Done(item)
	key := item.(string)
	err := r.sync(key)
	queueutil.HandleErrWithBackoff(r.queue, key, err)
	return true
}
