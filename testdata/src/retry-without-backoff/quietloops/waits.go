// Package quietloops holds loops that retry but already wait, fail over, repair, run each attempt
// under a deadline, or leave on the first error. All quiet. The helpers that wait are in sleepers.go.
package quietloops

import (
	"context"
	"fmt"
	"time"
)

// Client talks to one server.
type Client struct {
	limiter interface {
		Wait(ctx context.Context) error
	}
	ticker  *time.Ticker
	call    func(ctx context.Context) error
	addrs   []string
	current int
	dialTo  func(addr string) error
	token   string
	refresh func() (string, error)
}

// untilReady retries an attempt that waits inside itself (sleepers.go: attemptPaced sleeps first).
func (c *Client) untilReady(ctx context.Context) error {
	for {
		if err := c.attemptPaced(ctx); err == nil {
			return nil
		}
	}
}

// untilLimited retries an attempt whose helper waits on a rate limiter (sleepers.go).
func (c *Client) untilLimited(ctx context.Context) error {
	for {
		err := c.attemptLimited(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
	}
}

// untilTick waits on a ticker field between attempts.
func (c *Client) untilTick(ctx context.Context) error {
	for {
		if err := c.call(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-c.ticker.C:
		}
	}
}

// untilTimerHelper waits through a helper that blocks on a timer or the context (sleepers.go).
func (c *Client) untilTimerHelper(ctx context.Context) error {
	for attempt := 0; ; attempt++ {
		err := c.call(ctx)
		if err == nil {
			return nil
		}
		if !sleepCtx(ctx, backoffFor(attempt)) {
			return fmt.Errorf("%v: %w", err, ctx.Err())
		}
	}
}
