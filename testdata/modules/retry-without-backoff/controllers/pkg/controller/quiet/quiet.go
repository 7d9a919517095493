// Package quiet re-queues through helpers of other packages that back off: nothing to report.
package quiet

import (
	"example.com/controllers/pkg/queueutil"
	"k8s.io/client-go/util/retry"
	"k8s.io/client-go/util/workqueue"
)

type Controller struct {
	queue workqueue.RateLimitingInterface
}

func (c *Controller) sync(key string) error { return nil }

func (c *Controller) update(key string) error { return nil }

func (c *Controller) processWithBackoff() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		queueutil.RequeueWithBackoff(c.queue, key)
		return true
	}
	c.queue.Forget(obj)
	return true
}

func (c *Controller) processLater() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		queueutil.RequeueLater(c.queue, key)
		return true
	}
	c.queue.Forget(obj)
	return true
}

// The helper forgets on success and rate-limits on error.
func (c *Controller) processHandled() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	err := c.sync(key)
	queueutil.HandleErrorRateLimited(c.queue, key, err)
	return true
}

func (c *Controller) updateWithRetry(key string) error {
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		return c.update(key)
	})
}
