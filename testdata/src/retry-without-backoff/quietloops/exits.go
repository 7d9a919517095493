package quietloops

import "context"

// applySteps leaves on the first error: nothing is tried twice.
func applySteps(ctx context.Context, steps []func(context.Context) error, done func() bool) error {
	i := 0
	for {
		if err := steps[i%len(steps)](ctx); err != nil {
			return err
		}
		if done() {
			return nil
		}
		i++
	}
}

// drainUntilEmpty breaks on the first error and loops only after successes.
func drainUntilEmpty(pop func() (string, bool, error), handle func(string)) error {
	var err error
	for {
		var item string
		var ok bool
		item, ok, err = pop()
		if err != nil {
			break
		}
		if !ok {
			return nil
		}
		handle(item)
	}
	return err
}
