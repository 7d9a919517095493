package embeddedlocal

import "log"

// failed records the failure in a set (quiet) and re-adds the task to the embedded queue at once.
func (r *Runner) failed(task string, err error) {
	log.Printf("task %s: %v", task, err)
	r.seen.Add(task)
	r.Add(task) // want `r\.Add\(task\) re-queues the failed key at once in failed`
}
