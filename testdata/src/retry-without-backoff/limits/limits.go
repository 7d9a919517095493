// Package limits holds retry limits on NumRequeues that Add and a constant AddAfter never reach:
// NumRequeues counts only AddRateLimited, so the limit never trips and the key is retried forever.
package limits

import (
	"log"
	"time"

	"gocop.test/retry/workqueue"
)

const maxRetries = 5

// Controller has one queue per worker so that each worker's shape stands alone.
type Controller struct {
	queue    workqueue.RateLimitingInterface
	slow     workqueue.RateLimitingInterface
	inverted workqueue.RateLimitingInterface
	good     workqueue.RateLimitingInterface
	counted  workqueue.RateLimitingInterface
	failures map[string]int
	sync     func(key string) error
}

func (c *Controller) processNextWorkItem() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	err := c.sync(obj.(string))
	c.handleErr(err, obj)
	return true
}

// handleErr guards an immediate Add with NumRequeues: the guard never trips.
func (c *Controller) handleErr(err error, key interface{}) {
	if err == nil {
		c.queue.Forget(key)
		return
	}
	if c.queue.NumRequeues(key) < maxRetries {
		log.Printf("retrying %v: %v", key, err)
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once.*NumRequeues.*never`
		return
	}
	c.queue.Forget(key)
}

// processSlow guards a constant AddAfter with NumRequeues: no hot loop, but the limit never trips.
func (c *Controller) processSlow() bool {
	obj, shutdown := c.slow.Get()
	if shutdown {
		return false
	}
	defer c.slow.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		if c.slow.NumRequeues(obj) < maxRetries {
			c.slow.AddAfter(obj, 10*time.Second) // want `NumRequeues.*never.*AddAfter`
			return true
		}
		c.slow.Forget(obj)
		return true
	}
	c.slow.Forget(obj)
	return true
}

// processInverted gives up above the limit and otherwise adds at once: the same bug, written the other way.
func (c *Controller) processInverted() bool {
	obj, shutdown := c.inverted.Get()
	if shutdown {
		return false
	}
	defer c.inverted.Done(obj)
	err := c.sync(obj.(string))
	if err == nil {
		c.inverted.Forget(obj)
		return true
	}
	if c.inverted.NumRequeues(obj) >= maxRetries {
		c.inverted.Forget(obj)
		return true
	}
	c.inverted.Add(obj) // want `c\.inverted\.Add\(obj\) re-queues the failed key at once.*NumRequeues.*never`
	return true
}

// processGood is the canonical guard: AddRateLimited counts, so the limit is reached. Quiet.
func (c *Controller) processGood() bool {
	obj, shutdown := c.good.Get()
	if shutdown {
		return false
	}
	defer c.good.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		if c.good.NumRequeues(obj) < maxRetries {
			c.good.AddRateLimited(obj)
			return true
		}
		c.good.Forget(obj)
		return true
	}
	c.good.Forget(obj)
	return true
}

// processCounted keeps its own failure count and waits a real delay: the limit is reachable. Quiet.
func (c *Controller) processCounted() bool {
	obj, shutdown := c.counted.Get()
	if shutdown {
		return false
	}
	defer c.counted.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		c.failures[key]++
		if c.failures[key] < maxRetries {
			c.counted.AddAfter(key, 10*time.Second)
		}
		return true
	}
	delete(c.failures, key)
	c.counted.Forget(key)
	return true
}
