package ordering

import (
	"errors"
	"sync"
)

var errEmpty = errors.New("empty job")

// Builder runs one goroutine per job and records results under mu.
type Builder struct {
	mu      sync.Mutex
	results map[string]int
}

// Build returns on the first error while other workers may still run; its deferred cleanup then
// ranges results as they write: positive (the join happens only on the path that drains everything).
func (b *Builder) Build(jobs []string) error {
	defer b.cleanup()
	var wg sync.WaitGroup
	errs := make(chan error, len(jobs))
	for _, j := range jobs {
		wg.Add(1)
		go func(j string) {
			defer wg.Done()
			b.mu.Lock()
			b.results[j] = len(j)
			b.mu.Unlock()
			if j == "" {
				errs <- errEmpty
				return
			}
			errs <- nil
		}(j)
	}
	go func() {
		wg.Wait()
		close(errs)
	}()
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (b *Builder) cleanup() {
	for k := range b.results { // want "b.results is ranged in cleanup without b.mu while a goroutine started in Build writes it under b.mu \\(line 27\\); hold b.mu around the loop"
		_ = k
	}
}

// Batch is the same shape, but it drains every result before its cleanup runs: negative.
type Batch struct {
	mu   sync.Mutex
	done map[string]int
}

// Run collects every error first; the cleanup after the drain runs alone.
func (b *Batch) Run(jobs []string) error {
	var wg sync.WaitGroup
	errs := make(chan error, len(jobs))
	for _, j := range jobs {
		wg.Add(1)
		go func(j string) {
			defer wg.Done()
			b.mu.Lock()
			b.done[j] = len(j)
			b.mu.Unlock()
			errs <- nil
		}(j)
	}
	go func() {
		wg.Wait()
		close(errs)
	}()
	var first error
	for err := range errs {
		if err != nil && first == nil {
			first = err
		}
	}
	b.report()
	return first
}

func (b *Batch) report() {
	for k := range b.done {
		_ = k
	}
}
