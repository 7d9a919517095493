// Package requeue holds sync handlers that put their own key back on the worker's queue. The worker
// is here; the handlers it calls live in sync.go and status.go, so the key must be followed across
// files and through same-package calls.
package requeue

import (
	"errors"
	"log"
	"time"

	"gocop.test/retry/workqueue"
)

// Object is what the handlers reconcile.
type Object struct {
	Name   string
	Owner  string
	Phase  string
	Status string
}

// Store reads and writes objects.
type Store interface {
	Get(key string) (*Object, error)
	Update(obj *Object) error
}

// Controller takes keys from queue; its syncHandler is chosen in New.
type Controller struct {
	queue       workqueue.RateLimitingInterface
	events      workqueue.RateLimitingInterface
	store       Store
	syncHandler func(key string) error
	pause       time.Duration
}

var errConflict = errors.New("conflict")

// New wires the sync handler through a func-valued field, as many controllers do.
func New(queue workqueue.RateLimitingInterface, store Store) *Controller {
	c := &Controller{queue: queue, store: store}
	c.syncHandler = c.syncViaField
	return c
}

// processNextWorkItem is the canonical worker: AddRateLimited on error, Forget on success. The bugs are
// in the handlers it calls, which re-add the key themselves and hide the error from this loop.
func (c *Controller) processNextWorkItem() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if err := c.syncObject(key); err != nil {
		log.Printf("sync %q: %v", key, err)
		c.queue.AddRateLimited(key)
		return true
	}
	c.queue.Forget(key)
	return true
}

// processViaField calls the handler through the func-valued field set in New.
func (c *Controller) processViaField() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if err := c.syncHandler(key); err != nil {
		c.queue.AddRateLimited(key)
		return true
	}
	c.queue.Forget(key)
	return true
}

// processEvents takes keys from a second queue; its handler adds to the main queue, a hand-off
// between queues rather than a self re-queue (see handOff in status.go).
func (c *Controller) processEvents() bool {
	obj, shutdown := c.events.Get()
	if shutdown {
		return false
	}
	defer c.events.Done(obj)
	key := obj.(string)
	if err := c.handOff(key); err != nil {
		c.events.AddRateLimited(key)
		return true
	}
	c.events.Forget(key)
	return true
}
