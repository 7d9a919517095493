// Package goroutines covers maps shared with goroutines: struct fields of a
// type without a mutex, and local maps captured by closures.
package goroutines

import (
	"fmt"
	"sync"
	"time"
)

// Poller has no mutex; its loop goroutine writes the status map.
type Poller struct {
	status map[string]string
	stop   chan struct{}
}

// Start runs the loop on its own goroutine.
func (p *Poller) Start() {
	go p.loop()
}

func (p *Poller) loop() {
	for {
		select {
		case <-p.stop:
			return
		case <-time.After(time.Second):
			p.status["last"] = time.Now().String() // want "p.status is written in loop without a lock while Report ranges over it"
		}
	}
}

// Report ranges the map the loop writes: the write is reported.
func (p *Poller) Report() string {
	out := ""
	for k, v := range p.status {
		out += k + "=" + v + "\n"
	}
	return out
}

// Fanout writes a local map after the goroutine that ranges it has started: positive.
func Fanout(names []string) {
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	go func() {
		for n := range seen {
			fmt.Println(n)
		}
	}()
	seen["late"] = true // want "seen is written in Fanout without a lock while a goroutine started in Fanout ranges over it"
}

// Prebuilt builds the map completely before the goroutine starts: negative.
func Prebuilt(names []string) {
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	go func() {
		for n := range seen {
			fmt.Println(n)
		}
	}()
}

// Gather waits for the writers before ranging: negative.
func Gather(names []string) map[string]int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	lengths := make(map[string]int)
	for _, n := range names {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			mu.Lock()
			lengths[n] = len(n)
			mu.Unlock()
		}(n)
	}
	wg.Wait()
	total := 0
	for _, l := range lengths {
		total += l
	}
	lengths["total"] = total
	return lengths
}

// GatherEarly ranges while the writers may still run: positive.
func GatherEarly(names []string) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	lengths := make(map[string]int)
	for _, n := range names {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			mu.Lock()
			lengths[n] = len(n)
			mu.Unlock()
		}(n)
	}
	total := 0
	for _, l := range lengths { // want "lengths is ranged in GatherEarly without mu while a goroutine started in GatherEarly writes it under mu"
		total += l
	}
	wg.Wait()
	return total
}

// Handoff sends each finished map over a channel and never touches it again: negative.
func Handoff(batches [][]string, out chan<- map[string]int) {
	for _, batch := range batches {
		counts := make(map[string]int)
		for _, b := range batch {
			counts[b]++
		}
		out <- counts
	}
}

// Consume ranges maps received from the channel: negative.
func Consume(in <-chan map[string]int) {
	go func() {
		for counts := range in {
			for k, v := range counts {
				fmt.Println(k, v)
			}
		}
	}()
}

// LocalOnly never shares its map with a goroutine: negative.
func LocalOnly(words []string) []string {
	counts := map[string]int{}
	for _, w := range words {
		counts[w]++
	}
	var out []string
	for w := range counts {
		out = append(out, w)
		delete(counts, w)
	}
	return out
}

// Collect waits for the goroutine's done signal before ranging: negative.
func Collect(names []string) int {
	sizes := map[string]int{}
	done := make(chan struct{})
	go func() {
		for _, n := range names {
			sizes[n] = len(n)
		}
		close(done)
	}()
	<-done
	total := 0
	for _, s := range sizes {
		total += s
	}
	return total
}
