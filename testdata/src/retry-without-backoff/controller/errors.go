package controller

import (
	"log"
)

// handleErr forgets on success but re-adds failures at once: the Add is reached only on error.
func (c *Controller) handleErr(err error, key interface{}) {
	if err == nil {
		c.queue.Forget(key)
		return
	}
	log.Printf("retrying %v: %v", key, err)
	c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once in handleErr, which worker processHandOff calls`
}

// handleErrWithBackoff is the canonical error handler: quiet.
func (c *Controller) handleErrWithBackoff(err error, key interface{}) {
	if err == nil {
		c.queue.Forget(key)
		return
	}
	if c.queue.NumRequeues(key) < maxRetries {
		c.queue.AddRateLimited(key)
		return
	}
	c.queue.Forget(key)
	log.Printf("dropping %v: %v", key, err)
}
