package signals

import "sync"

// Crawl starts one goroutine per url, each signalling done when it ends, and receives len(urls)
// times before ranging: a counted join (negative).
func Crawl(urls []string) int {
	var mu sync.Mutex
	sizes := map[string]int{}
	done := make(chan bool)
	for _, u := range urls {
		go func(u string) {
			defer func() { done <- true }()
			mu.Lock()
			sizes[u] = len(u)
			mu.Unlock()
		}(u)
	}
	for i := 0; i < len(urls); i++ {
		<-done
	}
	total := 0
	for _, n := range sizes {
		total += n
	}
	return total
}

// Scan starts two goroutines whose last statement signals done, and receives twice (negative).
func Scan(a, b string) []string {
	var mu sync.Mutex
	seen := map[string]bool{}
	done := make(chan struct{})
	go func() {
		mu.Lock()
		seen[a] = true
		mu.Unlock()
		done <- struct{}{}
	}()
	go func() {
		mu.Lock()
		seen[b] = true
		mu.Unlock()
		done <- struct{}{}
	}()
	<-done
	<-done
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	return out
}

// Partial starts three signalling goroutines and receives twice: one may still write (positive).
func Partial(a, b, c string) int {
	var mu sync.Mutex
	seen := map[string]bool{}
	done := make(chan struct{}, 3)
	for _, k := range []string{a, b} {
		go func(k string) {
			defer func() { done <- struct{}{} }()
			mu.Lock()
			seen[k] = true
			mu.Unlock()
		}(k)
	}
	go func() {
		defer func() { done <- struct{}{} }()
		mu.Lock()
		seen[c] = true
		mu.Unlock()
	}()
	<-done
	<-done
	n := 0
	for range seen { // want "seen is ranged in Partial without mu while a goroutine started in Partial writes it under mu"
		n++
	}
	return n
}
