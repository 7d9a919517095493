// Package callbacks covers code that frameworks run concurrently: http
// handlers, informer event handlers, time.AfterFunc, errgroup and wg.Go.
package callbacks

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"k8s.io/client-go/tools/cache"
)

// hits is a package-level map written by a handler.
var hits = map[string]int{}

// Serve registers the handlers.
func Serve(mux *http.ServeMux) {
	mux.HandleFunc("/hit", func(w http.ResponseWriter, r *http.Request) {
		hits[r.URL.Path]++ // want "hits is written in a handler registered in Serve without a lock while a handler registered in Serve ranges over it"
	})
	mux.HandleFunc("/stats", func(w http.ResponseWriter, r *http.Request) {
		for path, n := range hits {
			fmt.Fprintln(w, path, n)
		}
	})
}

// Server keeps per-user sessions.
type Server struct {
	mu       sync.Mutex
	sessions map[string]time.Time
}

// ServeHTTP writes under the lock.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.sessions[r.RemoteAddr] = time.Now()
	s.mu.Unlock()
}

// Expire ranges without the lock from a timer: positive.
func (s *Server) Expire() {
	time.AfterFunc(time.Minute, func() {
		for addr := range s.sessions { // want "s.sessions is ranged in a goroutine started in Expire without s.mu while ServeHTTP writes it under s.mu"
			fmt.Println(addr)
		}
	})
}

// ExpireLocked takes the lock inside the timer callback: negative.
func (s *Server) ExpireLocked() {
	time.AfterFunc(time.Minute, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		for addr, at := range s.sessions {
			if time.Since(at) > time.Hour {
				delete(s.sessions, addr)
			}
		}
	})
}

// Controller mirrors objects from an informer.
type Controller struct {
	objects map[string]string
}

// Register wires the informer callbacks, which write the map.
func (c *Controller) Register(informer cache.SharedIndexInformer) {
	informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			key := fmt.Sprint(obj)
			c.objects[key] = key // want "c.objects is written in an event handler registered in Register without a lock while List ranges over it"
		},
		DeleteFunc: c.onDelete,
	})
}

func (c *Controller) onDelete(obj interface{}) {
	delete(c.objects, fmt.Sprint(obj)) // want "c.objects is deleted from in onDelete without a lock while List ranges over it"
}

// List ranges the map the handlers write.
func (c *Controller) List() []string {
	var out []string
	for k := range c.objects {
		out = append(out, k)
	}
	return out
}

// Fetch fans out with errgroup; each worker writes the shared map: positive.
func Fetch(ctx context.Context, urls []string) map[string]int {
	sizes := map[string]int{}
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		u := u
		g.Go(func() error {
			sizes[u] = len(u) // want "sizes is written in a goroutine started in Fetch without a lock while Fetch ranges over it"
			return ctx.Err()
		})
	}
	for u := range sizes {
		fmt.Println(u)
	}
	_ = g.Wait()
	return sizes
}

// FetchAndWait ranges only after g.Wait: negative.
func FetchAndWait(ctx context.Context, urls []string) int {
	var mu sync.Mutex
	sizes := map[string]int{}
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		u := u
		g.Go(func() error {
			mu.Lock()
			defer mu.Unlock()
			sizes[u] = len(u)
			return ctx.Err()
		})
	}
	if err := g.Wait(); err != nil {
		return 0
	}
	total := 0
	for _, n := range sizes {
		total += n
	}
	return total
}
