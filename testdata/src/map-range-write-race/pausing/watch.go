package pausing

import "sync"

// eventLog is written by the watch loader's watchers under mu.
type eventLog struct {
	mu     sync.Mutex
	events map[string]int
}

func (e *eventLog) record(key string) {
	e.mu.Lock()
	e.events[key]++
	e.mu.Unlock()
}

// watchLoader's Pause stops its run goroutine but leaves the watchers running until Close.
type watchLoader struct {
	log     *eventLog
	stop    chan struct{}
	runWg   sync.WaitGroup
	watchWg sync.WaitGroup
}

func (w *watchLoader) Start() error {
	w.stop = make(chan struct{})
	w.runWg.Add(1)
	go w.run()
	return nil
}

func (w *watchLoader) run() {
	defer w.runWg.Done()
	for i := 0; i < 3; i++ {
		w.watchWg.Add(1)
		go w.watch()
	}
	<-w.stop
}

func (w *watchLoader) watch() {
	defer w.watchWg.Done()
	for {
		select {
		case <-w.stop:
			return
		default:
			w.log.record("put")
		}
	}
}

func (w *watchLoader) Pause() {
	w.stop <- struct{}{}
	w.runWg.Wait()
}

func (w *watchLoader) Close() {
	close(w.stop)
	w.watchWg.Wait()
}
