// Package queueutil is the shared work-queue plumbing of the controllers in
// this module: the queue interface they all use and the error handler each
// worker calls after a sync. Incident 7 lives here, but it shows in the
// controllers that call HandleErr: every one of them hot-loops on a key that
// keeps failing.
package queueutil

import "log"

// RateLimitingInterface is the rate-limited work queue the controllers share.
type RateLimitingInterface interface {
	Get() (item interface{}, shutdown bool)
	Done(item interface{})
	Add(item interface{})
	AddRateLimited(item interface{})
	Forget(item interface{})
	NumRequeues(item interface{}) int
	ShutDown()
}

// MaxRetries is how often HandleErrWithBackoff retries a key before it drops it.
const MaxRetries = 15

// HandleErr reproduces incident 7 (retry-without-backoff, across packages):
// it forgets a key that synced and puts a failed one straight back with Add,
// so the worker takes it again at once, as fast as it can spin.
func HandleErr(queue RateLimitingInterface, key string, err error) {
	if err == nil {
		queue.Forget(key)
		return
	}
	log.Printf("error syncing %q: %v; requeuing", key, err)
	queue.Add(key)
}

// HandleErrWithBackoff is the fixed twin of HandleErr: a failed key goes back
// with AddRateLimited, which waits longer after each failure, and is dropped
// after MaxRetries; success resets its backoff with Forget.
func HandleErrWithBackoff(queue RateLimitingInterface, key string, err error) {
	if err == nil {
		queue.Forget(key)
		return
	}
	if queue.NumRequeues(key) < MaxRetries {
		log.Printf("error syncing %q: %v; retrying with backoff", key, err)
		queue.AddRateLimited(key)
		return
	}
	log.Printf("dropping %q after %d retries: %v", key, MaxRetries, err)
	queue.Forget(key)
}
