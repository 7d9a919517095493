package requeue

import (
	"fmt"
	"log"
	"strings"
	"time"
)

// syncObject re-adds its own key when the update fails and returns nil, so the worker Forgets the key
// and the key comes straight back: a hot loop the worker cannot see.
func (c *Controller) syncObject(key string) error {
	obj, err := c.store.Get(key)
	if err != nil {
		return err
	}
	if obj.Phase == "Pending" {
		// Not an error: the object is not ready yet. Quiet (a condition, not a failure).
		c.queue.Add(key)
		return nil
	}
	if err := c.reconcile(key, obj); err != nil {
		log.Printf("reconcile %s: %v", key, err)
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once in syncObject`
		return nil
	}
	return c.syncOwner(obj)
}

// reconcile is one call deeper: it re-adds the key and returns the error as well.
func (c *Controller) reconcile(key string, obj *Object) error {
	ns, name := splitKey(key)
	obj.Status = ns + "/" + name
	if err := c.store.Update(obj); err != nil {
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once in reconcile`
		return fmt.Errorf("update %s: %w", key, err)
	}
	return nil
}

// syncOwner re-queues the owner's key, not its own: quiet.
func (c *Controller) syncOwner(obj *Object) error {
	owner, err := c.store.Get(obj.Owner)
	if err != nil {
		c.queue.Add(obj.Owner)
		return nil
	}
	_ = owner
	return nil
}

// syncViaField is reached only through the func-valued field Controller.syncHandler.
func (c *Controller) syncViaField(key string) error {
	obj, err := c.store.Get(key)
	if err != nil {
		c.queue.Add(key) // want `c\.queue\.Add\(key\) re-queues the failed key at once in syncViaField`
		return nil
	}
	return c.syncSlowly(key, obj)
}

// syncSlowly waits before re-adding: slow, but not a hot loop. Quiet.
func (c *Controller) syncSlowly(key string, obj *Object) error {
	if err := c.store.Update(obj); err != nil {
		time.Sleep(c.pause)
		c.queue.Add(key)
		return nil
	}
	return c.syncRateLimited(key, obj)
}

// syncRateLimited re-queues with backoff itself: quiet.
func (c *Controller) syncRateLimited(key string, obj *Object) error {
	if err := c.store.Update(obj); err != nil {
		c.queue.AddRateLimited(key)
		return nil
	}
	return nil
}

func splitKey(key string) (string, string) {
	parts := strings.SplitN(key, "/", 2)
	if len(parts) < 2 {
		return "", key
	}
	return parts[0], parts[1]
}
