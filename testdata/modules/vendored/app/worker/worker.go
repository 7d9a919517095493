package worker

import (
	"github.com/acme/backoff"
	"github.com/acme/queue"
	"github.com/acme/unlisted/sub"
)

func run() {
	queue.Add("k")
	sub.Helper()
	backoff.Wait()
}
