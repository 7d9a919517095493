// Package requeue is a library in the module cache with two ways to put a key back.
package requeue

import "time"

// Adder is the part of a work queue the helpers need.
type Adder interface {
	Add(item interface{})
}

// Now puts the key back at once.
func Now(q Adder, key string) {
	q.Add(key)
}

// After waits a second, then puts the key back.
func After(q Adder, key string) {
	time.Sleep(time.Second)
	q.Add(key)
}
