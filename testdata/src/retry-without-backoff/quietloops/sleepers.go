package quietloops

import (
	"context"
	"time"
)

// attemptPaced sleeps a little before each call, so every attempt already waits.
func (c *Client) attemptPaced(ctx context.Context) error {
	time.Sleep(200 * time.Millisecond)
	return c.call(ctx)
}

// attemptLimited takes a token from the limiter first.
func (c *Client) attemptLimited(ctx context.Context) error {
	if err := c.limiter.Wait(ctx); err != nil {
		return err
	}
	return c.call(ctx)
}

// sleepCtx waits for d or until ctx ends; it reports whether the full delay passed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func backoffFor(attempt int) time.Duration {
	d := 100 * time.Millisecond << uint(attempt)
	if d > 10*time.Second {
		return 10 * time.Second
	}
	return d
}
