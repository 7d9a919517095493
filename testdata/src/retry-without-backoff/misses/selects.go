package misses

import (
	"context"
	"time"
)

// Prober probes a service.
type Prober struct {
	ready chan struct{}
	stop  chan struct{}
	probe func() error
}

// start closes ready once, so every later receive from it returns at once.
func (p *Prober) start() {
	p.ready = make(chan struct{})
	close(p.ready)
}

// untilUp selects on a channel closed just before the loop: the select never blocks.
func untilUp(probe func() error) {
	done := make(chan struct{})
	close(done)
	for { // want `retry loop calls probe again as soon as it fails`
		if err := probe(); err == nil {
			return
		}
		select {
		case <-done:
		case <-time.After(time.Second):
		}
	}
}

// untilUpDefault has a default case, so the select falls through without waiting.
func untilUpDefault(ctx context.Context, probe func() error) error {
	for { // want `retry loop calls probe again as soon as it fails`
		if err := probe(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		default:
		}
	}
}

// untilUpZeroTimer waits on a timer of zero length.
func untilUpZeroTimer(probe func() error) {
	for { // want `retry loop calls probe again as soon as it fails`
		if err := probe(); err == nil {
			return
		}
		<-time.After(0)
	}
}

// untilUpReady receives from a channel that start closed: no wait after the first pass.
func (p *Prober) untilUpReady() {
	p.start()
	for { // want `retry loop calls p\.probe again as soon as it fails`
		if err := p.probe(); err == nil {
			return
		}
		<-p.ready
	}
}

// untilUpStop blocks on a stop channel or a timer: a real wait. Quiet.
func (p *Prober) untilUpStop() {
	for {
		if err := p.probe(); err == nil {
			return
		}
		select {
		case <-p.stop:
			return
		case <-time.After(time.Second):
		}
	}
}
