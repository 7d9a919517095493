// Package workqueue is a stand-in for the fixture: only the declarations the controllers use.
package workqueue

import "time"

type Interface interface {
	Add(item interface{})
	Len() int
	Get() (item interface{}, shutdown bool)
	Done(item interface{})
	ShutDown()
	ShuttingDown() bool
}

type DelayingInterface interface {
	Interface
	AddAfter(item interface{}, duration time.Duration)
}

type RateLimitingInterface interface {
	DelayingInterface
	AddRateLimited(item interface{})
	Forget(item interface{})
	NumRequeues(item interface{}) int
}

type TypedRateLimitingInterface[T comparable] interface {
	Add(item T)
	Get() (item T, shutdown bool)
	Done(item T)
	AddAfter(item T, duration time.Duration)
	AddRateLimited(item T)
	Forget(item T)
	NumRequeues(item T) int
	ShutDown()
}

type RateLimiter interface {
	When(item interface{}) time.Duration
}

func DefaultControllerRateLimiter() RateLimiter { return nil }

func NewRateLimitingQueue(limiter RateLimiter) RateLimitingInterface { return nil }
