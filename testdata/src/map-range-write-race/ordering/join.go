package ordering

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Sum ranges after draining a channel that a goroutine closes once wg.Wait returns: negative.
func Sum(parts []string) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	lens := map[string]int{}
	results := make(chan int)
	for _, p := range parts {
		wg.Add(1)
		go func(p string) {
			defer wg.Done()
			mu.Lock()
			lens[p] = len(p)
			mu.Unlock()
			results <- len(p)
		}(p)
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	total := 0
	for n := range results {
		total += n
	}
	for range lens {
		total++
	}
	return total
}

// Fetch ranges after errgroup's Wait: negative.
func Fetch(ctx context.Context, urls []string) (map[string]int, error) {
	g, _ := errgroup.WithContext(ctx)
	var mu sync.Mutex
	sizes := map[string]int{}
	for _, u := range urls {
		u := u
		g.Go(func() error {
			mu.Lock()
			sizes[u] = len(u)
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := map[string]int{}
	for u, n := range sizes {
		out[u] = n
	}
	return out, nil
}

// Collect waits on a done channel the goroutine closes: negative.
func Collect(urls []string) []string {
	var mu sync.Mutex
	seen := map[string]int{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, u := range urls {
			mu.Lock()
			seen[u]++
			mu.Unlock()
		}
	}()
	<-done
	var out []string
	for u := range seen {
		out = append(out, u)
	}
	return out
}

// Gather joins on one branch only, so the range may still overlap the workers: positive.
func Gather(parts []string, wait bool) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	lens := map[string]int{}
	for _, p := range parts {
		wg.Add(1)
		go func(p string) {
			defer wg.Done()
			mu.Lock()
			lens[p] = len(p)
			mu.Unlock()
		}(p)
	}
	if wait {
		wg.Wait()
	}
	n := 0
	for range lens { // want "lens is ranged in Gather without mu while a goroutine started in Gather writes it under mu"
		n++
	}
	wg.Wait()
	return n
}

// Restore loads in parallel and joins, then starts a second round of goroutines that delete while
// the loop that starts them still ranges: the first join does not cover the second round. Positive.
func Restore(ids []string) map[string]int {
	var mu sync.Mutex
	var group sync.WaitGroup
	loaded := map[string]int{}
	for _, id := range ids {
		group.Add(1)
		go func(id string) {
			defer group.Done()
			mu.Lock()
			loaded[id] = len(id)
			mu.Unlock()
		}(id)
	}
	group.Wait()
	for id := range loaded { // want "loaded is ranged in Restore without mu while a goroutine started in Restore deletes from it under mu"
		group.Add(1)
		go func(id string) {
			defer group.Done()
			if id == "" {
				mu.Lock()
				delete(loaded, id)
				mu.Unlock()
			}
		}(id)
	}
	group.Wait()
	return loaded
}
