package controller

import (
	"log"

	"gocop.test/retry/workqueue"
)

// JobController uses its own queues, so Forget calls elsewhere in the package do not count for them.
type JobController struct {
	jobs    workqueue.RateLimitingInterface
	builds  workqueue.RateLimitingInterface
	deploys workqueue.RateLimitingInterface
	run     func(key string) error
}

// processJob forgets the key right before rate-limiting it, which resets its backoff.
func (j *JobController) processJob() bool {
	obj, shutdown := j.jobs.Get()
	if shutdown {
		return false
	}
	defer j.jobs.Done(obj)
	if err := j.run(obj.(string)); err != nil {
		log.Printf("job %v: %v", obj, err)
		j.jobs.Forget(obj) // want `j\.jobs\.Forget\(obj\) right before j\.jobs\.AddRateLimited\(obj\) resets the key's failure count`
		j.jobs.AddRateLimited(obj)
		return true
	}
	j.jobs.Forget(obj)
	return true
}

// processBuild rate-limits failures but never forgets a key.
func (j *JobController) processBuild() bool {
	obj, shutdown := j.builds.Get()
	if shutdown {
		return false
	}
	defer j.builds.Done(obj)
	if err := j.run(obj.(string)); err != nil {
		j.builds.AddRateLimited(obj) // want `worker processBuild re-queues failures with j\.builds\.AddRateLimited\(obj\) but never calls j\.builds\.Forget\(obj\)`
	}
	return true
}

// processDeploy forgets only when it gives up on a key, never on success.
func (j *JobController) processDeploy() bool {
	obj, shutdown := j.deploys.Get()
	if shutdown {
		return false
	}
	defer j.deploys.Done(obj)
	err := j.run(obj.(string))
	if err != nil {
		if j.deploys.NumRequeues(obj) < maxRetries {
			j.deploys.AddRateLimited(obj) // want `never calls j\.deploys\.Forget\(obj\) when the sync succeeds`
			return true
		}
		j.deploys.Forget(obj)
	}
	return true
}
