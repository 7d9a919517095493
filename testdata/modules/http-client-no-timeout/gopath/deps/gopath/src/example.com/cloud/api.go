// Package cloud is an SDK that sends requests through the client its caller hands it.
package cloud

import (
	"context"
	"net/http"
)

type API struct {
	hc       *http.Client
	endpoint string
}

// New keeps the caller's client for its methods.
func New(hc *http.Client, endpoint string) *API {
	return &API{hc: hc, endpoint: endpoint}
}

// Balancers lists load balancers with the caller's client and no deadline of its own.
func (a *API) Balancers() (*http.Response, error) {
	return a.hc.Get(a.endpoint + "/balancers")
}

// Ping sends one request with the client it is given.
func Ping(hc *http.Client, url string) error {
	resp, err := hc.Head(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Probe bounds its request with the caller's context.
func Probe(ctx context.Context, hc *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Options configures a Service; HTTPClient is used as given.
type Options struct {
	HTTPClient *http.Client
	Endpoint   string
}

type Service struct {
	hc       *http.Client
	endpoint string
}

func NewService(opts Options) *Service {
	return &Service{hc: opts.HTTPClient, endpoint: opts.Endpoint}
}

// Zones lists zones with the configured client and no deadline of its own.
func (s *Service) Zones() (*http.Response, error) {
	return s.hc.Get(s.endpoint + "/zones")
}
