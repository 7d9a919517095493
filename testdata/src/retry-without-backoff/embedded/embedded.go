// Package embedded holds queues reached by promotion (embedded in the controller) or through a field
// of a field. The workers are here; their error handlers are in handlers.go.
package embedded

import (
	"gocop.test/retry/workqueue"
)

// Controller embeds its queue: c.Get, c.Done and c.Add are the queue's methods.
type Controller struct {
	workqueue.RateLimitingInterface
	sync func(key string) error
}

func (c *Controller) processNextWorkItem() bool {
	obj, shutdown := c.Get()
	if shutdown {
		return false
	}
	defer c.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		c.Add(key) // want `c\.Add\(key\) re-queues the failed key at once`
		return true
	}
	c.Forget(key)
	return true
}

// deps groups what a Reconciler needs; the queue is one field down.
type deps struct {
	queue workqueue.RateLimitingInterface
	sync  func(key string) error
}

// Reconciler reaches its queue through a field of a field.
type Reconciler struct {
	deps deps
}

func (r *Reconciler) processNextWorkItem() bool {
	obj, shutdown := r.deps.queue.Get()
	if shutdown {
		return false
	}
	defer r.deps.queue.Done(obj)
	err := r.deps.sync(obj.(string))
	r.handleErr(err, obj)
	return true
}

// base holds the queue; Syncer embeds *base, so s.queue is promoted.
type base struct {
	queue workqueue.RateLimitingInterface
}

// Syncer reaches its queue through an embedded struct.
type Syncer struct {
	*base
	sync func(key string) error
}

func (s *Syncer) processNextWorkItem() bool {
	obj, shutdown := s.queue.Get()
	if shutdown {
		return false
	}
	defer s.queue.Done(obj)
	key := obj.(string)
	if err := s.sync(key); err != nil {
		s.requeue(key) // want `s\.requeue\(key\) on the error path re-queues the failed key at once through s\.queue\.Add`
		return true
	}
	s.queue.Forget(key)
	return true
}

// Good embeds its queue and rate-limits failures. Quiet.
type Good struct {
	workqueue.RateLimitingInterface
	sync func(key string) error
}

func (g *Good) processNextWorkItem() bool {
	obj, shutdown := g.Get()
	if shutdown {
		return false
	}
	defer g.Done(obj)
	key := obj.(string)
	if err := g.sync(key); err != nil {
		g.AddRateLimited(key)
		return true
	}
	g.Forget(key)
	return true
}
