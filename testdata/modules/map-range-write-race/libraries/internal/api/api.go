// Package api ranges over the maps of a vendored type and of a module-cache type in its handlers.
package api

import (
	"net/http"

	"example.com/lib/registry"
	"github.com/acme/store"
)

// API serves sessions and routes.
type API struct {
	sessions *store.Sessions
	routes   *registry.Routes
}

// Register installs the handlers.
func (a *API) Register(mux *http.ServeMux) {
	mux.HandleFunc("/sessions", a.listSessions)
	mux.HandleFunc("/sessions/locked", a.listSessionsLocked)
	mux.HandleFunc("/routes", a.listRoutes)
	mux.HandleFunc("/routes/locked", a.listRoutesLocked)
	mux.HandleFunc("/local", a.listLocal)
}

func (a *API) listSessions(w http.ResponseWriter, r *http.Request) {
	for id := range a.sessions.ByID { // want `^a\.sessions\.ByID is ranged in listSessions \(as a handler registered in Register\) without the lock of store\.Sessions, whose own methods write ByID only under s\.mu \(Put in store\.go\); .*hold a\.sessions\.Lock\(\) around the loop$`
		w.Write([]byte(id))
	}
}

func (a *API) listSessionsLocked(w http.ResponseWriter, r *http.Request) {
	a.sessions.Lock()
	defer a.sessions.Unlock()
	for id := range a.sessions.ByID {
		w.Write([]byte(id))
	}
}

func (a *API) listRoutes(w http.ResponseWriter, r *http.Request) {
	for path := range a.routes.Targets { // want `^a\.routes\.Targets is ranged in listRoutes \(as a handler registered in Register\) without the lock of registry\.Routes, whose own methods write Targets only under r\.mu \(Add in registry\.go\); .*hold a\.routes\.Lock\(\) around the loop$`
		w.Write([]byte(path))
	}
}

func (a *API) listRoutesLocked(w http.ResponseWriter, r *http.Request) {
	a.routes.Lock()
	for path := range a.routes.Targets {
		w.Write([]byte(path))
	}
	a.routes.Unlock()
}

// listLocal ranges over values it built itself: nobody else holds them.
func (a *API) listLocal(w http.ResponseWriter, r *http.Request) {
	sessions := &store.Sessions{ByID: map[string]string{"s1": "ann"}}
	for id := range sessions.ByID {
		w.Write([]byte(id))
	}
	routes := registry.Routes{Targets: map[string]string{"/": "web"}}
	for path := range routes.Targets {
		w.Write([]byte(path))
	}
}
