package wrapped

import "example.com/controllers/pkg/workutil"

func sync(key string) error { return nil }

// Its queue's Add rate-limits by itself.
type Limited struct {
	queue *workutil.Queue
}

func (c *Limited) processNextWorkItem() bool {
	obj, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(obj)
	if err := sync(obj.(string)); err != nil {
		c.queue.Add(obj)
		return true
	}
	c.queue.Forget(obj)
	return true
}

// Its queue's Add forwards to the inner queue's Add.
type Forwarding struct {
	items *workutil.Items
}

func (c *Forwarding) processNextWorkItem() bool {
	obj, shutdown := c.items.Get()
	if shutdown {
		return false
	}
	defer c.items.Done(obj)
	if err := sync(obj.(string)); err != nil {
		c.items.Add(obj) // want `c\.items\.Add\(obj\) re-queues the failed key at once`
		return true
	}
	c.items.Forget(obj)
	return true
}

// A queue type of another package that embeds the rate-limiting queue, under a name that does not say so.
type Embedded struct {
	jobs *workutil.Jobs
}

func (c *Embedded) processNextWorkItem() bool {
	obj, shutdown := c.jobs.Get()
	if shutdown {
		return false
	}
	defer c.jobs.Done(obj)
	if err := sync(obj.(string)); err != nil {
		c.jobs.Add(obj) // want `c\.jobs\.Add\(obj\) re-queues the failed key at once`
	}
	return true
}
