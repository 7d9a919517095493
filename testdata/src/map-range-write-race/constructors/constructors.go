// Package constructors covers maps written only while the value is built:
// New* functions, init, sync.Once and package-level registration.
package constructors

import (
	"sync"
	"time"
)

// Router is configured by its constructor and read afterwards.
type Router struct {
	mu     sync.Mutex
	routes map[string]string
	hits   int
}

// NewRouter fills the routes before returning the value: negative.
func NewRouter(prefix string) *Router {
	r := &Router{routes: map[string]string{}}
	r.addDefaults(prefix)
	r.routes[prefix+"/health"] = "health"
	return r
}

// addDefaults is only called from the constructor: negative.
func (r *Router) addDefaults(prefix string) {
	r.routes[prefix+"/"] = "index"
}

// Routes ranges the routes; only constructors write them: negative.
func (r *Router) Routes() []string {
	r.mu.Lock()
	r.hits++
	r.mu.Unlock()
	var out []string
	for p := range r.routes {
		out = append(out, p)
	}
	return out
}

// codes is filled by init before main runs.
var codes = map[int]string{}

func init() {
	codes[200] = "ok"
	codes[404] = "not found"
}

// Codes ranges the map init filled: negative.
func Codes() []string {
	var out []string
	for _, c := range codes {
		out = append(out, c)
	}
	return out
}

var (
	zonesOnce sync.Once
	zones     map[string]*time.Location
)

func loadZones() {
	zones = map[string]*time.Location{}
	for _, name := range []string{"UTC", "Local"} {
		if loc, err := time.LoadLocation(name); err == nil {
			zones[name] = loc
		}
	}
}

// Zones fills the map once through sync.Once and only ranges it afterwards: negative.
func Zones() []string {
	zonesOnce.Do(loadZones)
	var out []string
	for name := range zones {
		out = append(out, name)
	}
	return out
}

var (
	kindsMu sync.Mutex
	kinds   = map[string]int{}
)

// registerKind is called by package-level initializers only.
func registerKind(name string) int {
	kindsMu.Lock()
	defer kindsMu.Unlock()
	kinds[name] = len(kinds)
	return kinds[name]
}

var (
	kindPod  = registerKind("pod")
	kindNode = registerKind("node")
)

// Kinds ranges the map filled at init time: negative.
func Kinds() []string {
	var out []string
	for k := range kinds {
		out = append(out, k)
	}
	return out
}
