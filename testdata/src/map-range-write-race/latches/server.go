package latches

import (
	"errors"
	"log"
	"net"
	"sync"
)

// Server registers services before it serves: register refuses once serving is set, and Serve sets
// it before starting any goroutine. The flag is never cleared.
type Server struct {
	mu       sync.Mutex
	serving  bool
	services map[string]func(net.Conn)
	lis      net.Listener
}

// Serve sets the flag, then starts a goroutine per connection.
func (s *Server) Serve(lis net.Listener) error {
	s.mu.Lock()
	s.serving = true
	s.lis = lis
	s.mu.Unlock()
	for {
		conn, err := lis.Accept()
		if err != nil {
			return err
		}
		go s.handle(conn)
	}
}

func (s *Server) handle(conn net.Conn) {
	for name, h := range s.services {
		_ = name
		h(conn)
	}
}

// Router refuses routes with an error once started (a return, not a panic).
type Router struct {
	mu      sync.Mutex
	started bool
	routes  map[string]string
}

var errStarted = errors.New("router started")

// Start sets the flag and starts the dispatcher.
func (r *Router) Start() {
	r.mu.Lock()
	r.started = true
	r.mu.Unlock()
	go r.dispatch()
}

func (r *Router) dispatch() {}

// Add writes before the router starts (negative against Routes).
func (r *Router) Add(path, target string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.started {
		return errStarted
	}
	r.routes[path] = target
	return nil
}

// Routes ranges without the lock; Add cannot run once Start ran (negative).
func (r *Router) Routes() []string {
	var out []string
	for p := range r.routes {
		out = append(out, p)
	}
	return out
}

// Plugins dies on a late registration (log.Fatalf).
type Plugins struct {
	mu      sync.Mutex
	running bool
	byName  map[string]int
}

// Run sets the flag and starts the workers.
func (p *Plugins) Run() {
	p.mu.Lock()
	p.running = true
	p.mu.Unlock()
	go p.work()
}

func (p *Plugins) work() {}

// Load writes before Run (negative against Names).
func (p *Plugins) Load(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.running {
		log.Fatalf("plugin %s loaded after Run", name)
	}
	p.byName[name] = len(p.byName)
}

// Names ranges without the lock (negative).
func (p *Plugins) Names() []string {
	var out []string
	for n := range p.byName {
		out = append(out, n)
	}
	return out
}
