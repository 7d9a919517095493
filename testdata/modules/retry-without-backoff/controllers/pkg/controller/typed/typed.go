package typed

import (
	"example.com/controllers/pkg/queueutil"
	"k8s.io/client-go/util/workqueue"
)

type Controller struct {
	queue workqueue.TypedRateLimitingInterface[string]
}

func (c *Controller) reconcile(key string) error { return nil }

func (c *Controller) processNextWorkItem() bool {
	key, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(key)
	if err := c.reconcile(key); err != nil {
		queueutil.RequeueTyped(c.queue, key) // want `queueutil\.RequeueTyped\(c\.queue, key\) on the error path re-queues the failed key at once through q\.Add in package queueutil`
		return true
	}
	c.queue.Forget(key)
	return true
}
