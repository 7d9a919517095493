// Package unlocked covers maps that no lock of their owner guards anywhere. Nothing then shows the
// map is meant to be shared, so a finding needs a goroutine that writes it in its own function while
// an entry point the package never calls itself reads it (a warning naming that evidence), or two
// goroutines started by one function (an error).
package unlocked

import "net/http"

// Router registers routes before it serves them; nothing locks the routes.
type Router struct {
	routes map[string]http.Handler
}

// Handle registers a route: set-up before serving, not concurrent with ServeHTTP. Negative.
func (r *Router) Handle(path string, h http.Handler) {
	r.routes[path] = h
}

// ServeHTTP ranges the routes for each request.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	for path, h := range r.routes {
		if path == req.URL.Path {
			h.ServeHTTP(w, req)
		}
	}
}

// Board is served by two handlers that one function registers: they run at once. Positive.
type Board struct {
	scores map[string]int
}

// Routes registers both handlers.
func (b *Board) Routes(mux *http.ServeMux) {
	mux.HandleFunc("/score", func(w http.ResponseWriter, r *http.Request) {
		b.scores[r.URL.Path]++ // want "b.scores is written in a handler registered in Routes without a lock while a handler registered in Routes ranges over it"
	})
	mux.HandleFunc("/top", func(w http.ResponseWriter, r *http.Request) {
		for name := range b.scores {
			_, _ = w.Write([]byte(name))
		}
	})
}

// loop has a writer of its own per connection; each goroutine builds its own.
type loop struct {
	streams map[int]bool
}

func (l *loop) add(id int)    { l.streams[id] = true }
func (l *loop) remove(id int) { delete(l.streams, id) }

func (l *loop) count() int {
	n := 0
	for range l.streams {
		n++
	}
	return n
}

// Dial starts a client loop on a goroutine of its own.
func Dial(ids <-chan int) {
	go func() {
		l := &loop{streams: map[int]bool{}}
		for id := range ids {
			l.add(id)
			_ = l.count()
		}
	}()
}

// Accept starts a server loop: another goroutine, but another loop value. Negative.
func Accept(ids <-chan int) {
	go func() {
		l := &loop{streams: map[int]bool{}}
		for id := range ids {
			l.remove(id)
			_ = l.count()
		}
	}()
}
