// Package requeue is a GOPATH package: no go.mod anywhere above it.
package requeue

import "k8s.io/client-go/util/workqueue"

// OnError puts a failed key back at once and forgets one that synced.
func OnError(queue workqueue.Interface, key interface{}, err error) {
	if err != nil {
		queue.Add(key)
	}
}

// Limited rate-limits a failed key and forgets one that synced.
func Limited(queue workqueue.RateLimitingInterface, key interface{}, err error) {
	if err != nil {
		queue.AddRateLimited(key)
		return
	}
	queue.Forget(key)
}
