// Command api serves through servers built by a module-cache package and hardened by a vendored one.
package main

import (
	"net/http"

	"example.com/lib/serve"
	"github.com/acme/harden"
)

func servePlain(mux *http.ServeMux) error {
	srv := serve.New(":8080", mux) // want `^serve\.New\(\) returns an http\.Server that has neither ReadHeaderTimeout nor ReadTimeout, so slow or idle clients hold connections forever \(Slowloris\); set ReadHeaderTimeout`
	return srv.ListenAndServe()
}

func serveBounded(mux *http.ServeMux) error {
	srv := serve.NewBounded(":8081", mux)
	return srv.ListenAndServe()
}

func serveHardened(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8082", Handler: mux}
	harden.Apply(srv)
	return srv.ListenAndServe()
}

func main() {
	mux := http.NewServeMux()
	_ = servePlain(mux)
	_ = serveBounded(mux)
	_ = serveHardened(mux)
}
