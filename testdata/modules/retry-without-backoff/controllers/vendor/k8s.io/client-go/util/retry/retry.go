// Package retry is a stand-in for the fixture: retries on conflict with the backoff it is given.
package retry

import "k8s.io/apimachinery/pkg/util/wait"

var DefaultRetry = wait.Backoff{Steps: 5, Duration: 10, Factor: 1.0}

func RetryOnConflict(backoff wait.Backoff, fn func() error) error {
	var last error
	err := wait.ExponentialBackoff(backoff, func() (bool, error) {
		last = fn()
		return last == nil, nil
	})
	if err != nil {
		return last
	}
	return nil
}
