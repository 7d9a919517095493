package callbacks

import "sync"

// Tally runs workers with wg.Go and ranges the result while they still run: positive.
func Tally(words []string) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	for _, w := range words {
		wg.Go(func() {
			mu.Lock()
			counts[w]++
			mu.Unlock()
		})
	}
	n := 0
	for range counts { // want "counts is ranged in Tally without mu while a goroutine started in Tally writes it under mu"
		n++
	}
	wg.Wait()
	return n
}

// TallyAfterWait ranges after wg.Wait: negative.
func TallyAfterWait(words []string) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	for _, w := range words {
		wg.Go(func() {
			mu.Lock()
			counts[w]++
			mu.Unlock()
		})
	}
	wg.Wait()
	n := 0
	for range counts {
		n++
	}
	return n
}
