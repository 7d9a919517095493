package loops

import (
	"log"
	"time"
)

// tryOnce makes one attempt and logs; it does not wait.
func (r *Registrar) tryOnce() error {
	err := r.doCall()
	if err != nil {
		log.Printf("attempt failed: %v", err)
	}
	return err
}

// pause waits through another helper: the summary carries the wait up to pause's callers.
func (r *Registrar) pause(attempt int) {
	settle(time.Duration(attempt) * 100 * time.Millisecond)
}

func settle(d time.Duration) {
	time.Sleep(d)
}
