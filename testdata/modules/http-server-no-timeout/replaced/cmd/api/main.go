package main

import (
	"net/http"
	"time"

	"example.com/web"
)

func serveHardened(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux}
	web.Harden(srv)
	return srv.ListenAndServe()
}

func serveDescribed(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8081", Handler: mux} // want `^http.Server has neither ReadHeaderTimeout nor ReadTimeout`
	println(web.Describe(srv))
	return srv.ListenAndServe()
}

func serveBuilt(mux *http.ServeMux) error {
	srv := web.NewServer(":8082", mux) // want `^web.NewServer\(\) returns an http.Server that has neither ReadHeaderTimeout nor ReadTimeout`
	return srv.ListenAndServe()
}

func serveBuiltFixed(mux *http.ServeMux) error {
	srv := web.NewServer(":8083", mux)
	srv.ReadHeaderTimeout = 3 * time.Second
	return srv.ListenAndServe()
}

func serveHardenedBuilt(mux *http.ServeMux) error {
	return web.NewHardenedServer(":8084", mux).ListenAndServe()
}

func main() {
	mux := http.NewServeMux()
	_ = serveHardened(mux)
	_ = serveDescribed(mux)
	_ = serveBuilt(mux)
	_ = serveBuiltFixed(mux)
	_ = serveHardenedBuilt(mux)
}
