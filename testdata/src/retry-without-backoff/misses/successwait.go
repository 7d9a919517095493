package misses

import (
	"log"
	"time"
)

// Watcher keeps a local copy of a remote object.
type Watcher struct {
	get     func(name string) (string, error)
	watch   func(name, version string) <-chan struct{}
	version string
}

// follow waits for the next change after a successful Get, but a failed Get goes straight back.
func (w *Watcher) follow(name string, stop <-chan struct{}) {
	for { // want `retry loop calls w\.get again as soon as it fails, going round past the wait that only success reaches`
		version, err := w.get(name)
		if err != nil {
			log.Printf("get %s: %v", name, err)
			continue
		}
		w.version = version
		select {
		case <-w.watch(name, version):
		case <-stop:
			return
		}
	}
}

// pollStatus sleeps after a successful poll only.
func pollStatus(check func() (bool, error)) {
	for { // want `retry loop calls check again as soon as it fails`
		done, err := check()
		if err != nil {
			continue
		}
		if done {
			return
		}
		time.Sleep(5 * time.Second)
	}
}

// followPaced waits on both paths: quiet.
func (w *Watcher) followPaced(name string, stop <-chan struct{}) {
	for {
		version, err := w.get(name)
		if err != nil {
			log.Printf("get %s: %v", name, err)
			time.Sleep(time.Second)
			continue
		}
		w.version = version
		select {
		case <-w.watch(name, version):
		case <-stop:
			return
		}
	}
}

// Collector publishes samples on a period.
type Collector struct {
	interval time.Duration
	cpus     func() (int, error)
	publish  func(int)
}

// run sleeps at the end of each round, but a failed read continues past the sleep.
func (c *Collector) run() {
	for { // want `retry loop calls c\.cpus again as soon as it fails`
		n, err := c.cpus()
		if err != nil {
			log.Printf("cpus: %v", err)
			continue
		}
		c.publish(n)
		time.Sleep(c.interval)
	}
}
