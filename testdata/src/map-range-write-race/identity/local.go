package identity

import (
	"fmt"
	"net/http"
	"sync"
)

// Crawl starts one goroutine per site; each makes its own map and its own workers, joins them, and
// only then ranges. The map is per goroutine instance, so two crawls never share it: negative.
func Crawl(sites []string) {
	var outer sync.WaitGroup
	for _, s := range sites {
		outer.Add(1)
		go func(site string) {
			defer outer.Done()
			var mu sync.Mutex
			var wg sync.WaitGroup
			pages := map[string]int{}
			for i := 0; i < 3; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					mu.Lock()
					pages[fmt.Sprint(site, i)] = i
					mu.Unlock()
				}(i)
			}
			wg.Wait()
			for p := range pages {
				_ = p
			}
		}(s)
	}
	outer.Wait()
}

// Routes registers a handler that is run for many requests at once; each request makes its own
// map, hands it to one goroutine and joins it before ranging: negative.
func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/tags", func(w http.ResponseWriter, r *http.Request) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		tags := map[string]string{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			tags["path"] = r.URL.Path
			mu.Unlock()
		}()
		wg.Wait()
		for k, v := range tags {
			fmt.Fprintln(w, k, v)
		}
	})
	mux.HandleFunc("/race", func(w http.ResponseWriter, r *http.Request) {
		var mu sync.Mutex
		tags := map[string]string{}
		go func() {
			mu.Lock()
			tags["path"] = r.URL.Path
			mu.Unlock()
		}()
		for k, v := range tags { // want "tags is ranged in a handler registered in Routes without mu while a goroutine started in Routes writes it under mu"
			fmt.Fprintln(w, k, v)
		}
	})
}

// worker makes its map per call; many workers run at once but share nothing: negative.
func worker(id int, out chan<- int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	hits := map[int]int{}
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			mu.Lock()
			hits[id*10+i]++
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	n := 0
	for range hits {
		n++
	}
	out <- n
}

// StartWorkers runs worker many times at once.
func StartWorkers(n int) <-chan int {
	out := make(chan int, n)
	for i := 0; i < n; i++ {
		go worker(i, out)
	}
	return out
}
