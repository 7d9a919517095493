package fix

import (
	"fmt"
	"net/http"
	"time"

	"example.com/lb/api"
)

// API wraps the generated client.
type API struct {
	raw *api.Raw
	hc  *http.Client
}

// The fix adds an aligned line to a multi-line literal.
func newAPI() *API {
	return &API{
		raw: api.New(),
		hc: &http.Client{ // want `http.Client has no Timeout`
			Transport: http.DefaultTransport,
			Jar:       nil,
		},
	}
}

// Call sends a request.
func (a *API) Call(url string) error {
	resp, err := a.hc.Get(url)
	if err != nil {
		return fmt.Errorf("calling %s: %w", url, err)
	}
	return resp.Body.Close()
}

// The fix replaces a zero Timeout with the duration.
func zero(req *http.Request) (*http.Response, error) {
	c := &http.Client{Timeout: 0, Transport: http.DefaultTransport} // want `http.Client has Timeout: 0`
	return c.Do(req)
}

// The fix realigns shorter keys to the new Timeout key.
func short(url string) error {
	c := &http.Client{ // want `http.Client has no Timeout`
		Jar: nil,
	}
	resp, err := c.Head(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var _ = time.Second
