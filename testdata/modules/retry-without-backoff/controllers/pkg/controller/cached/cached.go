package cached

import (
	"example.com/lib/requeue"
	"k8s.io/client-go/util/workqueue"
)

type Controller struct {
	queue workqueue.RateLimitingInterface
}

func (c *Controller) sync(key string) error { return nil }

func (c *Controller) processNow() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		requeue.Now(c.queue, key) // want `requeue\.Now\(c\.queue, key\) on the error path re-queues the failed key at once through q\.Add in package requeue`
		return true
	}
	c.queue.Forget(obj)
	return true
}

func (c *Controller) processAfter() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		requeue.After(c.queue, key)
		return true
	}
	c.queue.Forget(obj)
	return true
}
