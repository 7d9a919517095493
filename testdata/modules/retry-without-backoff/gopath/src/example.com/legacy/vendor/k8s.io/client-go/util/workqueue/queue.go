// Package workqueue is a stand-in for the fixture, vendored GOPATH-style.
package workqueue

type Interface interface {
	Add(item interface{})
	Get() (item interface{}, shutdown bool)
	Done(item interface{})
}

type RateLimitingInterface interface {
	Interface
	AddRateLimited(item interface{})
	Forget(item interface{})
}
