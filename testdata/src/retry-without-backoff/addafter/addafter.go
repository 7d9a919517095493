// Package addafter holds AddAfter re-queues on the error path whose delay is zero, short, or does not
// grow with failures, next to delays that do grow (quiet). New sets the delay fields.
package addafter

import (
	"time"

	"gocop.test/retry/workqueue"
)

var retryDelay = 100 * time.Millisecond

// Backoff hands out a growing delay per key.
type Backoff interface {
	Next(key string) time.Duration
	Reset(key string)
}

// Controller has one queue per worker.
type Controller struct {
	zero, variable, local, field, requeues, grows, counted, resync workqueue.RateLimitingInterface

	requeueDelay time.Duration
	backoff      Backoff
	failures     map[string]int
	sync         func(key string) error
}

// New sets a short, fixed requeue delay.
func New() *Controller {
	return &Controller{requeueDelay: 200 * time.Millisecond, failures: map[string]int{}}
}

func (c *Controller) processZero() bool {
	obj, shutdown := c.zero.Get()
	if shutdown {
		return false
	}
	defer c.zero.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		c.zero.AddAfter(obj, 0) // want `c\.zero\.AddAfter\(obj, 0\) re-queues the failed key`
		return true
	}
	c.zero.Forget(obj)
	return true
}

// processVariable uses a package variable that is never reassigned.
func (c *Controller) processVariable() bool {
	obj, shutdown := c.variable.Get()
	if shutdown {
		return false
	}
	defer c.variable.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		c.variable.AddAfter(obj, retryDelay) // want `c\.variable\.AddAfter\(obj, retryDelay\) re-queues the failed key after only 100ms`
		return true
	}
	c.variable.Forget(obj)
	return true
}

// processLocal names the constant in a local variable first.
func (c *Controller) processLocal() bool {
	obj, shutdown := c.local.Get()
	if shutdown {
		return false
	}
	defer c.local.Done(obj)
	delay := 250 * time.Millisecond
	if err := c.sync(obj.(string)); err != nil {
		c.local.AddAfter(obj, delay) // want `c\.local\.AddAfter\(obj, delay\) re-queues the failed key after only 250ms`
		return true
	}
	c.local.Forget(obj)
	return true
}

// processField reads a fixed delay from a field that New sets to 200ms.
func (c *Controller) processField() bool {
	obj, shutdown := c.field.Get()
	if shutdown {
		return false
	}
	defer c.field.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		c.field.AddAfter(obj, c.requeueDelay) // want `c\.field\.AddAfter\(obj, c\.requeueDelay\) re-queues the failed key after only 200ms`
		return true
	}
	c.field.Forget(obj)
	return true
}

// processRequeues scales the delay by NumRequeues, which AddAfter never increments: always 100ms.
func (c *Controller) processRequeues() bool {
	obj, shutdown := c.requeues.Get()
	if shutdown {
		return false
	}
	defer c.requeues.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		delay := time.Duration(c.requeues.NumRequeues(obj)+1) * 100 * time.Millisecond
		c.requeues.AddAfter(obj, delay) // want `c\.requeues\.AddAfter\(obj, delay\) re-queues the failed key.*NumRequeues`
		return true
	}
	c.requeues.Forget(obj)
	return true
}

// processGrows asks a per-key backoff for the delay. Quiet.
func (c *Controller) processGrows() bool {
	obj, shutdown := c.grows.Get()
	if shutdown {
		return false
	}
	defer c.grows.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		c.grows.AddAfter(key, c.backoff.Next(key))
		return true
	}
	c.backoff.Reset(key)
	c.grows.Forget(key)
	return true
}

// processCounted doubles the delay with its own failure count. Quiet.
func (c *Controller) processCounted() bool {
	obj, shutdown := c.counted.Get()
	if shutdown {
		return false
	}
	defer c.counted.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		c.failures[key]++
		c.counted.AddAfter(key, (50*time.Millisecond)<<uint(c.failures[key]))
		return true
	}
	delete(c.failures, key)
	c.counted.Forget(key)
	return true
}

// processResync re-queues successes after a short period: a resync, not a retry. Quiet.
func (c *Controller) processResync() bool {
	obj, shutdown := c.resync.Get()
	if shutdown {
		return false
	}
	defer c.resync.Done(obj)
	if err := c.sync(obj.(string)); err != nil {
		c.resync.AddRateLimited(obj)
		return true
	}
	c.resync.Forget(obj)
	c.resync.AddAfter(obj, retryDelay)
	return true
}
