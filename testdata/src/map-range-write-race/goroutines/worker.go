package goroutines

import (
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

// Cache has no mutex either; Refresh runs on the goroutine Watch starts, in another file.
type Cache struct {
	entries map[string]int
}

// Watch starts the refresher.
func (c *Cache) Watch(updates <-chan string) {
	go c.refresh(updates)
}

func (c *Cache) refresh(updates <-chan string) {
	for u := range updates {
		c.entries[u]++ // want "c.entries is written in refresh without a lock while Dump ranges over it"
	}
}

// Dump ranges the entries while the refresher writes them.
func (c *Cache) Dump() {
	for k, v := range c.entries {
		fmt.Println(k, v)
	}
}

// Syncer's sync method runs on the goroutine that wait.Until is started on.
type Syncer struct {
	known map[string]bool
}

// Start hands the method value to the started call.
func (s *Syncer) Start(stop <-chan struct{}) {
	go wait.Until(s.sync, time.Second, stop)
}

func (s *Syncer) sync() {
	s.known["tick"] = true // want "s.known is written in sync without a lock while Known ranges over it"
}

// Known ranges what sync writes.
func (s *Syncer) Known() []string {
	var out []string
	for k := range s.known {
		out = append(out, k)
	}
	return out
}
