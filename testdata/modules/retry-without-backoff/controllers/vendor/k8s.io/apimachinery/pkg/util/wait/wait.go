// Package wait is a stand-in for the fixture: a backoff that sleeps between steps.
package wait

import (
	"errors"
	"time"
)

type Backoff struct {
	Duration time.Duration
	Factor   float64
	Steps    int
}

type ConditionFunc func() (done bool, err error)

var ErrWaitTimeout = errors.New("timed out waiting for the condition")

func ExponentialBackoff(backoff Backoff, condition ConditionFunc) error {
	for backoff.Steps > 0 {
		if ok, err := condition(); err != nil || ok {
			return err
		}
		backoff.Steps--
		time.Sleep(backoff.Duration)
		backoff.Duration = time.Duration(float64(backoff.Duration) * backoff.Factor)
	}
	return ErrWaitTimeout
}
