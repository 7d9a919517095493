package custom

// leasePool hands out leases; its Get and Done have nothing to do with a work queue.
type leasePool struct {
	free []string
}

func (p *leasePool) Get() string {
	lease := p.free[0]
	p.free = p.free[1:]
	return lease
}

func (p *leasePool) Done(lease string) {}

func (p *leasePool) Add(lease string) { p.free = append(p.free, lease) }

// useLease returns the lease to the pool on error: not a re-queue of failed work. Quiet.
func useLease(pool *leasePool, use func(string) error) {
	lease := pool.Get()
	defer pool.Done(lease)
	if err := use(lease); err != nil {
		pool.Add(lease)
	}
}
