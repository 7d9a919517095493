package loops

import (
	"context"
	"errors"
	"log"
	"time"

	"golang.org/x/time/rate"
	"k8s.io/apimachinery/pkg/util/wait"
)

// registerWithBackoff is the incident's fixed twin: it sleeps, doubling the delay.
func (r *Registrar) registerWithBackoff() {
	delay := 100 * time.Millisecond
	for {
		err := r.doCall()
		if err == nil {
			break
		}
		time.Sleep(delay)
		delay *= 2
		if delay > 30*time.Second {
			delay = 30 * time.Second
		}
	}
}

// selectWithTimer waits on a timer or the context between attempts.
func selectWithTimer(ctx context.Context, ping func() error) error {
	for {
		if err := ping(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// withWaitBackoff asks a wait.Backoff for each delay.
func withWaitBackoff(send func() error) error {
	backoff := wait.Backoff{Duration: 10 * time.Millisecond, Factor: 2, Steps: 6}
	for {
		err := send()
		if err == nil || backoff.Steps == 0 {
			return err
		}
		time.Sleep(backoff.Step())
	}
}

// withLimiter waits on a rate limiter before each attempt.
func withLimiter(ctx context.Context, limiter *rate.Limiter, send func() error) error {
	for {
		if err := limiter.Wait(ctx); err != nil {
			return err
		}
		if err := send(); err == nil {
			return nil
		}
	}
}

// viaSleepingHelper waits through pause -> settle -> time.Sleep (helpers.go).
func (r *Registrar) viaSleepingHelper() {
	for attempt := 1; ; attempt++ {
		if err := r.doCall(); err == nil {
			return
		}
		r.pause(attempt)
	}
}

// withTimer resets a timer and waits for it.
func withTimer(send func() error) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		<-timer.C
		if err := send(); err == nil {
			return
		}
		timer.Reset(time.Second)
	}
}

// untilChanged waits for a change notification before trying again.
func untilChanged(changed <-chan struct{}, apply func() error) {
	for {
		err := apply()
		if err == nil {
			return
		}
		log.Printf("apply: %v; waiting for the next change", err)
		<-changed
	}
}

// pollUntil hands the retry to wait.PollImmediate, which waits between calls.
func pollUntil(check func() (bool, error)) error {
	for i := 0; i < 3; i++ {
		err := wait.PollImmediate(time.Second, time.Minute, check)
		if err == nil {
			return nil
		}
		if !errors.Is(err, wait.ErrWaitTimeout) {
			return err
		}
	}
	return errors.New("still not ready")
}
