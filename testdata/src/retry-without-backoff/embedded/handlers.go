package embedded

import "log"

// handleErr re-adds through the field of a field.
func (r *Reconciler) handleErr(err error, key interface{}) {
	if err == nil {
		r.deps.queue.Forget(key)
		return
	}
	log.Printf("retrying %v: %v", key, err)
	r.deps.queue.Add(key) // want `r\.deps\.queue\.Add\(key\) re-queues the failed key at once in handleErr`
}

// requeue is called by the Syncer worker on the error path only, and adds at once.
func (s *Syncer) requeue(key string) {
	log.Printf("requeue %s", key)
	s.queue.Add(key)
}
