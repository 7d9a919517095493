// Package pausing covers goroutines joined through an interface: a tester starts its loaders through
// the Loader interface, pauses them through it (each implementation waits for its own goroutines) and
// only then runs its checkers, which range over what the loaders' goroutines wrote.
package pausing

import "sync"

// Loader generates load until paused.
type Loader interface {
	Start() error
	Pause()
	Close()
}

// multiLoader runs several loaders; it pauses them all at once, each on a goroutine of its own.
type multiLoader struct {
	loaders []Loader
}

func (m *multiLoader) Start() error {
	for i, l := range m.loaders {
		if err := l.Start(); err != nil {
			for _, started := range m.loaders[:i] {
				started.Close()
			}
			return err
		}
	}
	return nil
}

func (m *multiLoader) Pause() {
	var wg sync.WaitGroup
	for _, l := range m.loaders {
		wg.Add(1)
		go func(l Loader) {
			defer wg.Done()
			l.Pause()
		}(l)
	}
	wg.Wait()
}

func (m *multiLoader) Close() {
	for _, l := range m.loaders {
		l.Close()
	}
}
