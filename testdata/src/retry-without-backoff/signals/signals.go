// Package signals holds workers whose sync reports failure without a plain `err != nil`: a list of
// errors, an aggregate, a boolean result, or a switch arm.
package signals

import (
	"errors"
	"log"

	"gocop.test/retry/workqueue"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
)

type conflictError struct{ resource string }

func (e *conflictError) Error() string { return "conflict on " + e.resource }

var errStale = errors.New("stale cache")

// Controller has a queue per worker and several sync styles.
type Controller struct {
	queue    workqueue.RateLimitingInterface
	syncAll  func(key string) []error
	syncOK   func(key string) (bool, error)
	trySync  func(key string) bool
	sync     func(key string) error
	inflight map[string]bool
	pending  func(key string) []string
}

// processList re-queues when the list of errors is not empty.
func (c *Controller) processList() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	errs := c.syncAll(key)
	if len(errs) != 0 {
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
		return true
	}
	c.queue.Forget(key)
	return true
}

// processListGreater tests the length the other common way.
func (c *Controller) processListGreater() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	var errs []error
	errs = append(errs, c.syncAll(key)...)
	if len(errs) > 0 {
		log.Printf("%s: %d errors", key, len(errs))
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
		return true
	}
	c.queue.Forget(key)
	return true
}

// processAggregate folds the errors into an aggregate before testing it.
func (c *Controller) processAggregate() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if agg := utilerrors.NewAggregate(c.syncAll(key)); agg != nil {
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
		return true
	}
	c.queue.Forget(key)
	return true
}

// processAggregateInline tests the aggregate without naming it.
func (c *Controller) processAggregateInline() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if utilerrors.NewAggregate(c.syncAll(key)) != nil {
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
		return true
	}
	c.queue.Forget(key)
	return true
}

// processNotOK rate-limits errors but re-adds at once when the sync says it did not finish.
func (c *Controller) processNotOK() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	ok, err := c.syncOK(key)
	if err != nil {
		c.queue.AddRateLimited(key)
		return true
	}
	if !ok {
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
		return true
	}
	c.queue.Forget(key)
	return true
}

// processBool has a sync that reports success as a bool only.
func (c *Controller) processBool() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if synced := c.trySync(key); !synced {
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
		return true
	}
	c.queue.Forget(key)
	return true
}

// processSwitchCase re-adds in an error case of a tagless switch.
func (c *Controller) processSwitchCase() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	switch err := c.sync(key); {
	case err == nil:
		c.queue.Forget(key)
	case errors.Is(err, errStale):
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
	default:
		c.queue.AddRateLimited(key)
	}
	return true
}

// processTypeSwitch re-adds in the default of a type switch whose nil case is the success.
func (c *Controller) processTypeSwitch() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	err := c.sync(key)
	switch err.(type) {
	case nil:
		c.queue.Forget(key)
	case *conflictError:
		c.queue.AddRateLimited(key)
	default:
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
	}
	return true
}

// processTagged switches on the error value itself.
func (c *Controller) processTagged() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	switch err := c.sync(key); err {
	case nil:
		c.queue.Forget(key)
	case errStale:
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once`
	default:
		c.queue.AddRateLimited(key)
	}
	return true
}

// processLookup re-adds when a map lookup misses: `!ok` from a lookup is no sync failure. Quiet.
func (c *Controller) processLookup() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key, ok := obj.(string)
	if !ok {
		c.queue.Forget(obj)
		return true
	}
	if _, ok := c.inflight[key]; !ok {
		c.queue.Add(key)
		return true
	}
	if err := c.sync(key); err != nil {
		c.queue.AddRateLimited(key)
		return true
	}
	c.queue.Forget(key)
	return true
}

// processPendingList re-adds while work is pending: a list of names, not of errors. Quiet.
func (c *Controller) processPendingList() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if err := c.sync(key); err != nil {
		c.queue.AddRateLimited(key)
		return true
	}
	if len(c.pending(key)) > 0 {
		c.queue.Add(key)
	}
	c.queue.Forget(key)
	return true
}

// processListGood rate-limits when the list is not empty. Quiet.
func (c *Controller) processListGood() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	if errs := c.syncAll(key); len(errs) > 0 {
		c.queue.AddRateLimited(key)
		return true
	}
	c.queue.Forget(key)
	return true
}

// processBusy re-adds while the sync reports more work to do, without failing: a boolean that says
// "idle" is no success flag, so `!idle` is no failure. Quiet.
func (c *Controller) processBusy() bool {
	obj, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(obj)
	key := obj.(string)
	idle, err := c.syncOK(key)
	if err != nil {
		c.queue.AddRateLimited(key)
		return true
	}
	if !idle {
		c.queue.Add(key)
		return true
	}
	c.queue.Forget(key)
	return true
}
