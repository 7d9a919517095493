package quietloops

import (
	"errors"
	"math/rand"
	"time"
)

// callPaced sleeps whenever the call did not succeed; the flag follows the error. Quiet.
func callPaced(call func() error, backoff bool) error {
	success := false
	var err error
	for !success {
		err = call()
		if err == nil {
			success = true
		}
		if err != nil && !backoff {
			break
		}
		if !success {
			time.Sleep(time.Second)
		}
	}
	return err
}

// removeRetrying sleeps before every attempt but the first. Quiet.
func removeRetrying(remove func() error) error {
	delay := 10 * time.Millisecond
	for i := 0; i < 5; i++ {
		if i != 0 {
			time.Sleep(delay)
			delay *= 2
		}
		if err := remove(); err == nil {
			return nil
		}
	}
	return errors.New("still there")
}

var errSpurious = errors.New("spurious retry")

// runTx fails at random to exercise its callers' retries, then tries again: a failure that passes. Quiet.
func runTx(tx func() error) error {
	for {
		err := func() error {
			if err := tx(); err != nil {
				return err
			}
			if rand.Intn(10) == 0 {
				return errSpurious
			}
			return nil
		}()
		if err != errSpurious {
			return err
		}
	}
}
