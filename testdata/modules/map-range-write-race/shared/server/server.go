// Package server uses the registry's types from another package of the module.
package server

import (
	"net/http"

	"example.com/shared/registry"
)

// Server serves the registry over HTTP.
type Server struct {
	reg    *registry.Registry
	cache  *registry.Cache
	labels *registry.Labels
	loose  *registry.Loose
}

// Start registers the handlers.
func (s *Server) Start() {
	http.HandleFunc("/set", func(w http.ResponseWriter, r *http.Request) {
		s.reg.Set(r.URL.Query().Get("name"), r.URL.Query().Get("endpoint"))
	})
	http.HandleFunc("/list", s.list)
	http.HandleFunc("/count", s.count)
	http.HandleFunc("/labels", s.listLabels)
	http.HandleFunc("/seen", s.listSeen)
	go s.refresh()
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	for name := range s.reg.Items { // want `s\.reg\.Items is ranged in list \(as a handler registered in Start\) without the lock of registry\.Registry, whose own methods write Items only under r\.mu \(Set in registry\.go\); .*hold s\.reg\.Lock\(\) around the loop`
		w.Write([]byte(name))
	}
}

func (s *Server) count(w http.ResponseWriter, r *http.Request) {
	n := 0
	s.reg.Lock()
	for range s.reg.Items {
		n++
	}
	s.reg.Unlock()
	_ = n
}

func (s *Server) refresh() {
	s.cache.Entries["refreshed"]++ // want `s\.cache\.Entries is written in refresh \(on a goroutine started in Start\) without the lock of registry\.Cache`
	s.cache.Entries["at"] = 1 // want `s\.cache\.Entries is written in refresh \(on a goroutine started in Start\) without the lock of registry\.Cache, whose own methods delete from Entries only under c\.guard .*write it through a method of registry\.Cache that takes its lock`
}

// Snapshot copies the cache's entries; nothing here shows which goroutine calls it, so it is a warning.
func (s *Server) Snapshot() map[string]int {
	out := map[string]int{}
	for key, value := range s.cache.Entries { // want `s\.cache\.Entries is ranged in Snapshot without the lock of registry\.Cache.*range over a copy that a method of registry\.Cache makes under its lock \(evidence: the lock registry\.Cache takes for it\)`
		out[key] = value
	}
	return out
}

func (s *Server) listLabels(w http.ResponseWriter, r *http.Request) {
	for key := range s.labels.Values {
		w.Write([]byte(key))
	}
}

func (s *Server) listSeen(w http.ResponseWriter, r *http.Request) {
	for key := range s.loose.Seen {
		w.Write([]byte(key))
	}
}

// listLocked is called with s.reg locked, as its name says.
func (s *Server) listLocked() []string {
	var names []string
	for name := range s.reg.Items {
		names = append(names, name)
	}
	return names
}

// Fresh builds a registry nobody else has yet.
func Fresh() int {
	r := &registry.Registry{Items: map[string]string{"a": "b"}}
	n := 0
	for range r.Items {
		n++
	}
	return n
}
