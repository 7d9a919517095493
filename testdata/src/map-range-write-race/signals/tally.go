package signals

import "sync"

// Tally ranges in a goroutine started after wg.Wait: the writers finished before it began (negative;
// the range is in report, in another file).
func Tally(keys []string, out chan<- int) {
	var wg sync.WaitGroup
	t := &table{counts: map[string]int{}}
	for _, k := range keys {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			t.mu.Lock()
			t.counts[k]++
			t.mu.Unlock()
		}(k)
	}
	wg.Wait()
	go func() {
		out <- t.report()
	}()
}

// TallyEarly ranges in a goroutine started before the join (positive).
func TallyEarly(keys []string, out chan<- int) {
	var wg sync.WaitGroup
	t := &ledger{counts: map[string]int{}}
	go func() {
		out <- t.reportEarly()
	}()
	for _, k := range keys {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			t.mu.Lock()
			t.counts[k]++
			t.mu.Unlock()
		}(k)
	}
	wg.Wait()
}
