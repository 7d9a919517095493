// Package workutil holds queue types the controllers of this module share.
package workutil

import "k8s.io/client-go/util/workqueue"

// Queue is a rate-limiting queue whose Add backs off by itself.
type Queue struct {
	workqueue.RateLimitingInterface
}

func (q *Queue) Add(item interface{}) {
	q.RateLimitingInterface.AddRateLimited(item)
}

// Items wraps a queue and forwards every call to it unchanged.
type Items struct {
	inner workqueue.RateLimitingInterface
}

func NewItems() *Items {
	return &Items{inner: workqueue.NewRateLimitingQueue(workqueue.DefaultControllerRateLimiter())}
}

func (i *Items) Get() (interface{}, bool) { return i.inner.Get() }
func (i *Items) Done(item interface{})    { i.inner.Done(item) }
func (i *Items) Add(item interface{})     { i.inner.Add(item) }
func (i *Items) Forget(item interface{})  { i.inner.Forget(item) }
func (i *Items) AddRateLimited(item interface{}) {
	i.inner.AddRateLimited(item)
}

// Jobs is a rate-limiting queue under another name.
type Jobs struct {
	workqueue.RateLimitingInterface
}
