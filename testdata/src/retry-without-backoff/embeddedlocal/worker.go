package embeddedlocal

func (r *Runner) processNext() bool {
	item, quit := r.Get()
	if quit {
		return false
	}
	defer r.Done(item)
	task := item.(string)
	if err := r.run(task); err != nil {
		r.failed(task, err)
		return true
	}
	r.Forget(task)
	return true
}
