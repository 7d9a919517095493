// Package queueutil holds the re-queue helpers the controllers of this module share.
package queueutil

import (
	"time"

	"k8s.io/client-go/util/workqueue"
)

// Requeue puts a key back at once.
func Requeue(queue workqueue.RateLimitingInterface, key string) {
	queue.Add(key)
}

// HandleError forgets a key that synced and puts a failed one back at once.
func HandleError(q workqueue.RateLimitingInterface, key string, err error) {
	if err == nil {
		q.Forget(key)
		return
	}
	q.Add(key)
}

// RequeueTyped puts a typed key back at once.
func RequeueTyped[T comparable](q workqueue.TypedRateLimitingInterface[T], item T) {
	q.Add(item)
}

// RequeueWithBackoff puts a key back after the queue's per-key backoff.
func RequeueWithBackoff(q workqueue.RateLimitingInterface, key string) {
	q.AddRateLimited(key)
}

// RequeueLater puts a key back after a fixed, long delay.
func RequeueLater(q workqueue.RateLimitingInterface, key string) {
	q.AddAfter(key, 30*time.Second)
}

// HandleErrorRateLimited forgets a key that synced and rate-limits a failed one.
func HandleErrorRateLimited(q workqueue.RateLimitingInterface, key string, err error) {
	if err == nil {
		q.Forget(key)
		return
	}
	q.AddRateLimited(key)
}

// HandleErrorNoForget rate-limits a failed key but never forgets one that synced.
func HandleErrorNoForget(q workqueue.RateLimitingInterface, key string, err error) {
	if err != nil {
		q.AddRateLimited(key)
	}
}

// RequeueOnError hands a failed key to requeueNow.
func RequeueOnError(q workqueue.RateLimitingInterface, key string, err error) {
	if err != nil {
		requeueNow(q, key)
	}
}

func requeueNow(q workqueue.RateLimitingInterface, key string) {
	q.Add(key)
}
