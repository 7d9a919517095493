// Package embeddedlocal declares its own rate-limited queue interface (no workqueue import) and embeds
// it in the worker's struct; the worker and its handler live in other files.
package embeddedlocal

import "time"

// Tasks is a rate-limited queue of task names.
type Tasks interface {
	Add(item interface{})
	AddAfter(item interface{}, d time.Duration)
	AddRateLimited(item interface{})
	Forget(item interface{})
	Get() (interface{}, bool)
	Done(item interface{})
}

// Runner embeds its queue.
type Runner struct {
	Tasks
	seen Set
	run  func(task string) error
}

// Set is a set of names; its Add has nothing to do with a queue.
type Set map[string]struct{}

// Add inserts a name.
func (s Set) Add(name string) { s[name] = struct{}{} }
