// Package loops holds retry loops that do not wait (positives) next to loops that wait or are not
// retries at all (negatives, in waits.go and iterate.go).
package loops

import (
	"context"
	"errors"
	"log"
	"net"
	"time"
)

const maxAttempts = 5

// Registrar registers a node with an API server.
type Registrar struct {
	name     string
	register func(name string) error
	conflict func(err error) bool
}

func (r *Registrar) doCall() error { return r.register(r.name) }

// registerNode retries at once on error: the incident shape.
func (r *Registrar) registerNode() {
	for { // want `retry loop calls r\.doCall again as soon as it fails, with no delay`
		if err := r.doCall(); err != nil {
			continue
		}
		break
	}
}

// dial returns on the first success and loops straight back on failure.
func dial(addr string) net.Conn {
	for { // want `retry loop calls net\.Dial again as soon as it fails`
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
		log.Printf("dial %s: %v", addr, err)
	}
}

// threeTries makes a small, constant number of attempts with no delay: reported at lower severity.
func threeTries(send func() error) error {
	var err error
	for i := 0; i < 3; i++ { // want `retry loop makes up to 3 attempts at send with no delay between them`
		if err = send(); err == nil {
			return nil
		}
	}
	return err
}

// boundedByConstant bounds the attempts with a named constant.
func boundedByConstant(send func() error) error {
	var err error
	for attempt := 0; attempt < maxAttempts; attempt++ { // want `makes up to 5 attempts at send`
		err = send()
		if err == nil {
			break
		}
	}
	return err
}

// manyTries is bounded, but a thousand immediate attempts are a hot loop all the same.
func manyTries(send func() error) error {
	var err error
	for i := 0; i < 1000; i++ { // want `retry loop calls send again as soon as it fails`
		if err = send(); err == nil {
			return nil
		}
	}
	return err
}

// untilConnected loops on the error itself.
func (r *Registrar) untilConnected() {
	err := r.doCall()
	for err != nil { // want `retry loop calls r\.doCall again as soon as it fails`
		log.Printf("register %s: %v", r.name, err)
		err = r.doCall()
	}
}

// untilFlagSet leaves through a flag that only success sets.
func (r *Registrar) untilFlagSet() {
	registered := false
	for !registered { // want `retry loop calls r\.register again as soon as it fails`
		if err := r.register(r.name); err == nil {
			registered = true
		}
	}
}

// pingUntilUp checks the context but never waits between attempts.
func pingUntilUp(ctx context.Context, ping func(context.Context) error) error {
	for { // want `retry loop calls ping again as soon as it fails`
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := ping(ctx); err == nil {
			return nil
		}
	}
}

// updateOnConflict retries a conflicting update at once: re-reading is right, not waiting is not.
func (r *Registrar) updateOnConflict(get func() (string, error), update func(string) error) error {
	for { // want `retry loop calls update again as soon as it fails`
		current, err := get()
		if err != nil {
			return err
		}
		err = update(current + "+1")
		if err == nil {
			return nil
		}
		if !r.conflict(err) {
			return err
		}
	}
}

// retryTemporary retries only temporary errors, and does so at once.
func retryTemporary(fetch func() ([]byte, error)) ([]byte, error) {
	for { // want `retry loop calls fetch again as soon as it fails`
		data, err := fetch()
		var netErr net.Error
		switch {
		case err == nil:
			return data, nil
		case errors.As(err, &netErr) && netErr.Timeout():
			continue
		default:
			return nil, err
		}
	}
}

// acquire spins on a lock file.
func acquire(lock func() error) {
	for { // want `retry loop calls lock again as soon as it fails`
		if err := lock(); err == nil {
			break
		}
	}
}

// untilDeadline is bounded by time, not by a delay.
func untilDeadline(probe func() error) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) { // want `retry loop calls probe again as soon as it fails`
		if err := probe(); err == nil {
			return nil
		}
	}
	return errors.New("probe timed out")
}

// inGoroutine retries inside a goroutine's func literal.
func (r *Registrar) inGoroutine() {
	go func() {
		for { // want `retry loop calls r\.doCall again as soon as it fails`
			if err := r.doCall(); err == nil {
				return
			}
		}
	}()
}

// rangeAttempts ranges over a count of attempts (Go 1.22 range over an int).
func rangeAttempts(send func() error) error {
	for range maxAttempts { // want `makes up to 5 attempts at send`
		if err := send(); err == nil {
			return nil
		}
	}
	return errors.New("gave up")
}

// viaHelper retries through a same-package helper (helpers.go) that does not wait either.
func (r *Registrar) viaHelper() {
	for { // want `retry loop calls r\.tryOnce again as soon as it fails`
		if err := r.tryOnce(); err == nil {
			return
		}
	}
}

// nonBlockingSelect checks for cancellation without waiting: the select has a default.
func nonBlockingSelect(ctx context.Context, send func() error) error {
	for { // want `retry loop calls send again as soon as it fails`
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if err := send(); err == nil {
			return nil
		}
	}
}
