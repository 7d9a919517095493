package foo

import (
	"example.com/controllers/pkg/queueutil"
	"k8s.io/client-go/util/workqueue"
)

type Controller struct {
	queue workqueue.RateLimitingInterface
}

func (c *Controller) sync(key string) error { return nil }

func (c *Controller) processNextWorkItem() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		queueutil.Requeue(c.queue, key) // want `queueutil\.Requeue\(c\.queue, key\) on the error path re-queues the failed key at once through queue\.Add in package queueutil, .*call c\.queue\.AddRateLimited\(key\) here instead`
		return true
	}
	c.queue.Forget(obj)
	return true
}
