package builders

import "sync"

// Client builds Results with goroutines.
type Client struct {
	workers int
	pool    *Pool
}

// Result is built by Fetch and Gather.
type Result struct {
	mu   sync.Mutex
	byID map[int]string
	wg   sync.WaitGroup
}

// Fetch waits for its goroutines before returning the Result (negative against Result.IDs).
func (c *Client) Fetch(ids []int) *Result {
	r := &Result{byID: map[int]string{}}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			r.mu.Lock()
			r.byID[id] = "x"
			r.mu.Unlock()
		}(id)
	}
	wg.Wait()
	return r
}

// Gather starts the writers in one helper and joins them in another (negative).
func (c *Client) Gather(ids []int) *Result {
	r := &Result{byID: map[int]string{}}
	r.spawn(ids)
	r.join()
	return r
}

func (r *Result) spawn(ids []int) {
	for _, id := range ids {
		r.wg.Add(1)
		go r.put(id)
	}
}

func (r *Result) put(id int) {
	defer r.wg.Done()
	r.mu.Lock()
	r.byID[id+1] = "y"
	r.mu.Unlock()
}

func (r *Result) join() {
	r.wg.Wait()
}

// IDs ranges without the lock (negative: the Results it sees were returned after the joins).
func (r *Result) IDs() []int {
	var out []int
	for id := range r.byID {
		out = append(out, id)
	}
	return out
}
