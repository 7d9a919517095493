package pausing

import (
	"errors"
	"time"
)

// Checker verifies what a round left behind.
type Checker interface {
	Check() error
}

type leaseChecker struct {
	loader *leaseLoader
}

func newLeaseChecker(l *leaseLoader) Checker {
	return &leaseChecker{loader: l}
}

// Check runs after the tester paused the loaders: the lease goroutines are done (negative).
func (c *leaseChecker) Check() error {
	for id, at := range c.loader.expired.leases {
		if time.Since(at) < 0 || id < 0 {
			return errors.New("lease from the future")
		}
	}
	return c.checkAlive()
}

// checkAlive is reached only from Check (negative).
func (c *leaseChecker) checkAlive() error {
	for id := range c.loader.alive.leases {
		if id < 0 {
			return errors.New("bad lease")
		}
	}
	return nil
}

type eventChecker struct {
	loader *watchLoader
}

// Check ranges over what the watchers write: Pause does not wait for them (positive).
func (c *eventChecker) Check() error {
	for key := range c.loader.log.events { // want "c.loader.log.events is ranged in Check without c.loader.log.mu while record writes it under e.mu"
		if key == "" {
			return errors.New("empty key")
		}
	}
	return nil
}
