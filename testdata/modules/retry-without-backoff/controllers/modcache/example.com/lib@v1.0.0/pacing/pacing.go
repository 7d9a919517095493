// Package pacing pauses callers; its names do not say that they wait.
package pacing

import "time"

// Rest pauses longer after each failed attempt.
func Rest(attempt int) {
	time.Sleep(time.Duration(attempt) * 100 * time.Millisecond)
}

// Gate paces the calls of a client.
type Gate struct {
	every time.Duration
}

// Pass returns once the caller may go on.
func (g *Gate) Pass() {
	<-time.After(g.every)
}
