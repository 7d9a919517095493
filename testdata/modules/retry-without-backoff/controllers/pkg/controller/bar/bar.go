package bar

import (
	qu "example.com/controllers/pkg/queueutil"
	"k8s.io/client-go/util/workqueue"
)

type Controller struct {
	workqueue workqueue.RateLimitingInterface
}

func (c *Controller) syncHandler(key string) error { return nil }

func (c *Controller) runWorker() {
	for c.processNext() {
	}
}

func (c *Controller) processNext() bool {
	item, quit := c.workqueue.Get()
	if quit {
		return false
	}
	defer c.workqueue.Done(item)
	key := item.(string)
	err := c.syncHandler(key)
	qu.HandleError(c.workqueue, key, err) // want `q\.Add\(key\) re-queues the failed key at once in qu\.HandleError, which worker processNext calls with its sync error \(package queueutil\), so`
	return true
}

// The helper rate-limits failures, and nothing ever forgets a key that synced.
func (c *Controller) processNeverForgets() bool {
	item, quit := c.workqueue.Get()
	if quit {
		return false
	}
	defer c.workqueue.Done(item)
	key := item.(string)
	err := c.syncHandler(key)
	qu.HandleErrorNoForget(c.workqueue, key, err) // want `worker processNeverForgets re-queues failures with q\.AddRateLimited\(key\) in qu\.HandleErrorNoForget \(package queueutil\) but never calls q\.Forget\(key\)`
	return true
}

// The helper hands the failed key on to another function of its package, which adds it at once.
func (c *Controller) processDeep() bool {
	item, quit := c.workqueue.Get()
	if quit {
		return false
	}
	defer c.workqueue.Done(item)
	key := item.(string)
	if err := c.syncHandler(key); err != nil {
		qu.RequeueOnError(c.workqueue, key, err) // want `q\.Add\(key\) re-queues the failed key at once in requeueNow, which worker processDeep reaches with the key through RequeueOnError \(package queueutil, reached through qu\.RequeueOnError here\)`
	}
	return true
}
