// Package controller reproduces a controller hot loop: a failing key was
// requeued immediately, forever, pinning a CPU and flooding the API server.
package controller

import "log"

// RateLimitingInterface is the subset of a rate-limited work queue that the
// controllers below use.
type RateLimitingInterface interface {
	Get() (item interface{}, shutdown bool)
	Done(item interface{})
	Add(item interface{})
	AddRateLimited(item interface{})
	Forget(item interface{})
	NumRequeues(item interface{}) int
	ShutDown()
}

const maxRetries = 15

// Controller reconciles keys taken from queue.
type Controller struct {
	queue       RateLimitingInterface
	syncHandler func(key string) error
}

// Run processes items until the queue is shut down.
func (c *Controller) Run(stop <-chan struct{}) {
	defer c.queue.ShutDown()
	go func() {
		for c.processNextWorkItem() {
		}
	}()
	<-stop
}

// processNextWorkItem reproduces incident 5 (retry-without-backoff): on a
// sync error the key goes straight back with c.queue.Add, so a permanently
// failing key is retried as fast as the worker can spin.
func (c *Controller) processNextWorkItem() bool {
	item, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(item)
	key := item.(string)
	if err := c.syncHandler(key); err != nil {
		log.Printf("error syncing %q: %v; requeuing", key, err)
		c.queue.Add(key)
	}
	return true
}

// RateLimitedController is the fixed twin of Controller.
type RateLimitedController struct {
	queue       RateLimitingInterface
	syncHandler func(key string) error
}

// Run processes items until the queue is shut down.
func (c *RateLimitedController) Run(stop <-chan struct{}) {
	defer c.queue.ShutDown()
	go func() {
		for c.processNextWorkItem() {
		}
	}()
	<-stop
}

// processNextWorkItem is safe: errors are requeued with AddRateLimited, so
// each retry waits longer than the last; success calls Forget to reset the
// key's backoff; a key that keeps failing is dropped after maxRetries.
func (c *RateLimitedController) processNextWorkItem() bool {
	item, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(item)
	key := item.(string)
	err := c.syncHandler(key)
	if err == nil {
		c.queue.Forget(key)
		return true
	}
	if c.queue.NumRequeues(key) < maxRetries {
		log.Printf("error syncing %q: %v; retrying with backoff", key, err)
		c.queue.AddRateLimited(key)
		return true
	}
	log.Printf("dropping %q after %d retries: %v", key, maxRetries, err)
	c.queue.Forget(key)
	return true
}
