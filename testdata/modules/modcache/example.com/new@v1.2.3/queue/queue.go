package queue

import "example.com/Upper/retry"

// Queue re-queues failed keys.
type Queue struct{}

// New returns a queue.
func New() *Queue {
	retry.Do()
	return &Queue{}
}
