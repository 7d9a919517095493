// Package client calls retry helpers and pacing of other packages.
package client

import (
	"example.com/controllers/pkg/retryutil"
	"example.com/lib/pacing"
	"example.com/lib/retry"
	"k8s.io/apimachinery/pkg/util/wait"
)

type Client struct {
	gate *pacing.Gate
}

func (c *Client) register() error { return nil }

func (c *Client) Register(attempts int) error {
	return retry.Do(attempts, func() error { // want `retry\.Do retries the function literal in a loop that calls fn again as soon as it fails, with no delay \(package retry\)`
		return c.register()
	})
}

func (c *Client) RegisterForever() {
	retryutil.Forever(c.register) // want `retryutil\.Forever retries c\.register in a loop that calls fn again as soon as it fails`
}

func (c *Client) RegisterWithBackoff() {
	retry.WithBackoff(c.register)
}

func (c *Client) RegisterExponentially() error {
	return wait.ExponentialBackoff(wait.Backoff{Steps: 5}, func() (bool, error) {
		return c.register() == nil, nil
	})
}

// The pause hides in another package under a name that does not say it waits.
func (c *Client) RegisterResting() {
	for attempt := 1; ; attempt++ {
		if err := c.register(); err != nil {
			pacing.Rest(attempt)
			continue
		}
		return
	}
}

// So does the pacing of a gate of another package.
func (c *Client) RegisterGated() {
	for {
		if err := c.register(); err != nil {
			c.gate.Pass()
			continue
		}
		return
	}
}

// A function of another package that does not wait does not pace the loop.
func (c *Client) RegisterHot() {
	for { // want `retry loop calls c\.register again as soon as it fails, with no delay`
		if err := c.register(); err != nil {
			retryutil.Note(err)
			continue
		}
		return
	}
}
