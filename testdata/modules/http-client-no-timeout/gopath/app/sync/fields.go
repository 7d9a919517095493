package sync

import (
	"net/http"
	"time"

	"example.com/cloud"
	"example.com/httputil"
)

func Index(base string) error {
	f := httputil.NewFetcher(base) // want `^httputil.NewFetcher\(\) stores an http.Client with no Timeout in HTTP \(built at httputil/client.go:\d+\) and is used for requests \(f.HTTP.Get\)`
	resp, err := f.HTTP.Get(f.Base + "/index")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func IndexBounded(base string) error {
	f := httputil.NewFetcher(base)
	f.HTTP.Timeout = 10 * time.Second
	resp, err := f.HTTP.Get(f.Base + "/index")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Zones(endpoint string) (*http.Response, error) {
	svc := cloud.NewService(cloud.Options{HTTPClient: &http.Client{}, Endpoint: endpoint}) // want `^http.Client has no Timeout and is used for requests \(cloud.Options.HTTPClient → s.hc.Get\)`
	return svc.Zones()
}

func ZonesBounded(endpoint string) (*http.Response, error) {
	svc := cloud.NewService(cloud.Options{HTTPClient: &http.Client{Timeout: time.Minute}, Endpoint: endpoint})
	return svc.Zones()
}
