package pausing

import (
	"context"
	"sync"
	"time"
)

// leaseTable is written by the lease loader's goroutines, always under mu.
type leaseTable struct {
	mu     sync.RWMutex
	leases map[int64]time.Time
}

func (t *leaseTable) add(id int64, at time.Time) {
	t.mu.Lock()
	t.leases[id] = at
	t.mu.Unlock()
}

func (t *leaseTable) remove(id int64) {
	t.mu.Lock()
	delete(t.leases, id)
	t.mu.Unlock()
}

func (t *leaseTable) snapshot() map[int64]time.Time {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make(map[int64]time.Time, len(t.leases))
	for id, at := range t.leases {
		out[id] = at
	}
	return out
}

// leaseLoader grants leases from a run goroutine, which starts keep-alive goroutines; Pause waits for
// both kinds.
type leaseLoader struct {
	ctx     context.Context
	cancel  func()
	alive   *leaseTable
	expired *leaseTable
	runWg   sync.WaitGroup
	keepWg  sync.WaitGroup
}

func (l *leaseLoader) Start() error {
	l.ctx, l.cancel = context.WithCancel(context.Background())
	l.expired = &leaseTable{leases: map[int64]time.Time{}}
	l.runWg.Add(1)
	go l.run()
	return nil
}

func (l *leaseLoader) run() {
	defer l.runWg.Done()
	l.resume()
	for l.ctx.Err() == nil {
		l.grant()
		l.expire()
	}
}

// resume restarts keep-alives: each goroutine ends in keepAlive, which marks keepWg done.
func (l *leaseLoader) resume() {
	for id := range l.alive.snapshot() {
		l.keepWg.Add(1)
		go func(id int64) {
			l.keepAlive(id)
		}(id)
	}
}

// grant waits for the goroutines it starts before it returns; they live only while run does.
func (l *leaseLoader) grant() {
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			l.alive.add(id, time.Now())
			l.keepWg.Add(1)
			go l.keepAlive(id)
		}(int64(i))
	}
	wg.Wait()
}

func (l *leaseLoader) keepAlive(id int64) {
	defer l.keepWg.Done()
	<-l.ctx.Done()
	l.alive.remove(id)
}

func (l *leaseLoader) expire() {
	var wg sync.WaitGroup
	for id := range l.alive.snapshot() {
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			l.alive.remove(id)
			l.expired.add(id, time.Now())
		}(id)
	}
	wg.Wait()
}

func (l *leaseLoader) Pause() {
	l.Close()
}

func (l *leaseLoader) Close() {
	l.cancel()
	l.runWg.Wait()
	l.keepWg.Wait()
}
