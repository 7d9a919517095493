// Package controller holds work-queue workers, good and bad, over the stub queue.
package controller

import (
	"fmt"
	"log"
	"time"

	"gocop.test/retry/workqueue"
)

const (
	maxRetries  = 5
	shortDelay  = 50 * time.Millisecond
	properDelay = 5 * time.Second
)

// Controller reconciles keys taken from its queue.
type Controller struct {
	queue    workqueue.RateLimitingInterface
	sync     func(key string) error
	lookup   func(key string) (string, error)
	pause    time.Duration
	children workqueue.RateLimitingInterface
}

// processNextWorkItem re-queues a failed key at once with Add.
func (c *Controller) processNextWorkItem() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		log.Printf("sync %q: %v", key, err)
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once.*use c\.queue\.AddRateLimited\(key\)`
		return true
	}
	c.queue.Forget(key)
	return true
}

// processCanonical is the client-go worker: AddRateLimited on error, Forget on success, a retry cap.
func (c *Controller) processCanonical() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	err := c.sync(key)
	if err == nil {
		c.queue.Forget(key)
		return true
	}
	if c.queue.NumRequeues(key) < maxRetries {
		c.queue.AddRateLimited(key)
		return true
	}
	c.queue.Forget(key)
	return true
}

// processAddAfterShort waits only a constant 50ms before the retry.
func (c *Controller) processAddAfterShort() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		c.queue.AddAfter(obj, shortDelay) // want `c\.queue\.AddAfter\(obj, shortDelay\) re-queues the failed key after only 50ms`
		return true
	}
	c.queue.Forget(obj)
	return true
}

// processAddAfterLiteral waits 200ms, written inline.
func (c *Controller) processAddAfterLiteral() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		c.queue.AddAfter(obj, 200*time.Millisecond) // want `after only 200ms`
		return true
	}
	c.queue.Forget(obj)
	return true
}

// processAddAfterReal waits a real, constant delay: quiet.
func (c *Controller) processAddAfterReal() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		c.queue.AddAfter(obj, properDelay)
		return true
	}
	c.queue.Forget(obj)
	return true
}

// processSwitch reaches Add through the default of a tagless switch that tested err == nil first.
func (c *Controller) processSwitch() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	switch err := c.sync(key); {
	case err == nil:
		c.queue.Forget(key)
	default:
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
	}
	return true
}

// processInLiteral is the sample-controller shape: the work runs in a func literal called in place.
func (c *Controller) processInLiteral() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	err := func(item interface{}) error {
		defer c.queue.Done(item)
		key, ok := item.(string)
		if !ok {
			c.queue.Forget(item)
			return nil
		}
		if err := c.sync(key); err != nil {
			c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
			return fmt.Errorf("syncing %q: %w", key, err)
		}
		c.queue.Forget(key)
		return nil
	}(obj)
	if err != nil {
		log.Print(err)
	}
	return true
}

// processSleepFirst blocks the worker before re-adding: slow, but not a hot loop. Quiet.
func (c *Controller) processSleepFirst() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		time.Sleep(c.pause)
		c.queue.Add(obj)
		return true
	}
	c.queue.Forget(obj)
	return true
}

// processOtherKey re-adds a different key (the parent) on error, not the failed one: quiet.
func (c *Controller) processOtherKey() bool {
	obj, shutdown := c.children.Get()
	if shutdown {
		return false
	}
	defer c.children.Done(obj)
	parent, err := c.lookup(obj.(string))
	if err != nil {
		c.queue.Add(parent)
		c.children.Forget(obj)
		return true
	}
	c.children.Forget(obj)
	return true
}

// processRequeueWhenPending re-adds on a condition that is not an error: quiet.
func (c *Controller) processRequeueWhenPending() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	state, err := c.lookup(obj.(string))
	if err != nil {
		c.queue.AddRateLimited(obj)
		return true
	}
	if state == "pending" {
		c.queue.Add(obj)
	}
	c.queue.Forget(obj)
	return true
}

// processHandOff hands the error to handleErr (errors.go), which re-adds at once.
func (c *Controller) processHandOff() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	err := c.sync(obj.(string))
	c.handleErr(err, obj)
	return true
}

// processHandOffCanonical hands the error to a canonical handler: quiet.
func (c *Controller) processHandOffCanonical() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	err := c.sync(obj.(string))
	c.handleErrWithBackoff(err, obj)
	return true
}

// processEnqueueOnError re-queues through the event handlers' enqueue helper, which adds at once.
func (c *Controller) processEnqueueOnError() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		c.enqueue(key) // want `c\.enqueue\(key\) on the error path re-queues the failed key at once through c\.queue\.Add`
		return true
	}
	c.queue.Forget(key)
	return true
}
