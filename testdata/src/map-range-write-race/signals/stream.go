package signals

import (
	"context"
	"sync"
)

// Stream is served by three goroutines; each signals stopc when it ends, and the watchers are
// ranged only after all three signals were received.
type Stream struct {
	mu       sync.Mutex
	watchers map[int64]string
	next     int64
	requests chan string
	out      chan string
	cancel   context.CancelFunc
}

// Serve receives one signal itself, and a helper goroutine the two others before closing: a counted
// join split between the spawner and a goroutine it starts after its own receive (negative).
func Serve(ctx context.Context, requests chan string) {
	ctx, cancel := context.WithCancel(ctx)
	s := &Stream{watchers: map[int64]string{}, requests: requests, out: make(chan string), cancel: cancel}
	stopc := make(chan struct{}, 3)
	go func() {
		defer func() { stopc <- struct{}{} }()
		s.recvLoop()
	}()
	go func() {
		defer func() { stopc <- struct{}{} }()
		s.sendLoop(ctx)
	}()
	go func() {
		defer func() { stopc <- struct{}{} }()
		<-ctx.Done()
	}()
	<-stopc
	cancel()
	go func() {
		<-stopc
		<-stopc
		s.close()
	}()
}
