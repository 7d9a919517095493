package pausing

import "errors"

// Case is one failure to inject.
type Case struct {
	Stress bool
	Inject func() error
}

// Tester runs rounds of cases against a cluster.
type Tester struct {
	loader   Loader
	checkers []Checker
	cases    []Case
}

// NewTester builds a tester with a lease and a watch loader.
func NewTester(cases []Case) *Tester {
	leases := &leaseLoader{alive: &leaseTable{}}
	watch := &watchLoader{log: &eventLog{}}
	return &Tester{
		loader:   &multiLoader{loaders: []Loader{leases, watch}},
		checkers: []Checker{newLeaseChecker(leases), &eventChecker{loader: watch}},
		cases:    cases,
	}
}

// Run runs rounds until one fails, then closes the loaders.
func (t *Tester) Run(rounds int) error {
	for i := 0; i < rounds; i++ {
		if err := t.round(); err != nil {
			t.loader.Close()
			return err
		}
	}
	return nil
}

// round starts the loaders only for cases that stress, and pauses them only if it started them.
func (t *Tester) round() error {
	for _, c := range t.cases {
		started := false
		if c.Stress {
			if err := t.loader.Start(); err != nil {
				return err
			}
			started = true
		}
		if err := c.Inject(); err != nil {
			return err
		}
		if started {
			t.loader.Pause()
		}
		if err := t.check(); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tester) check() error {
	for _, checker := range t.checkers {
		if err := checker.Check(); err != nil {
			return errors.Join(err, errors.New("check failed"))
		}
	}
	return nil
}
