// Package sdk is an API client in the SDK shape: every method takes a ctx, and helpers build and send
// the requests.
package sdk

import (
	"context"
	"net/http"
	"net/url"
)

// Client is the API client.
type Client struct {
	base *url.URL
	hc   *http.Client
}

// New is quiet: every request the client sends carries its caller's context.
func New(base *url.URL) *Client {
	return &Client{base: base, hc: &http.Client{Transport: http.DefaultTransport}}
}

func (c *Client) newRequest(ctx context.Context, method, path string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, method, c.base.String()+path, nil)
}

func (c *Client) do(req *http.Request) (*http.Response, error) {
	return c.hc.Do(req)
}

// Get builds the request through a helper handed the context.
func (c *Client) Get(ctx context.Context, path string) (*http.Response, error) {
	req, err := c.newRequest(ctx, http.MethodGet, path)
	if err != nil {
		return nil, err
	}
	return c.do(req)
}

// Delete builds the request itself.
func (c *Client) Delete(ctx context.Context, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, c.base.String()+path, nil)
	if err != nil {
		return nil, err
	}
	return c.do(req)
}

// Legacy is the same shape, but one method builds its request without a context.
type Legacy struct {
	hc *http.Client
}

// NewLegacy stores http.DefaultClient, which has no timeout.
func NewLegacy() *Legacy {
	return &Legacy{hc: http.DefaultClient} // want `http.DefaultClient has no Timeout and is used for requests \(l.hc.Do\)`
}

// NewLegacyOwn builds its own client, also without a timeout.
func NewLegacyOwn() *Legacy {
	return &Legacy{hc: &http.Client{}} // want `http.Client has no Timeout and is used for requests \(l.hc.Do\)`
}

func (l *Legacy) send(req *http.Request) (*http.Response, error) {
	return l.hc.Do(req)
}

// Ping sends a request with no context at all.
func (l *Legacy) Ping(u string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return l.send(req)
}

// Status has a context, but Ping above does not.
func (l *Legacy) Status(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return l.send(req)
}

// Do is quiet: the request parameter is given the caller's context before it is sent.
func (c *Client) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
	if ctx != nil {
		req = req.WithContext(ctx)
	}
	return c.hc.Do(req)
}

// Traced wraps a client to add tracing; the requests are its callers'.
type Traced struct {
	hc *http.Client
}

type spanKey struct{}

// NewTraced is quiet: requests come from callers, with the callers' contexts.
func NewTraced() *Traced {
	return &Traced{hc: &http.Client{}}
}

// Do derives the request's context from the caller's request context.
func (t *Traced) Do(req *http.Request) (*http.Response, error) {
	return t.hc.Do(req.WithContext(context.WithValue(req.Context(), spanKey{}, "span")))
}
