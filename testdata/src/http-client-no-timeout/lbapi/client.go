// Package lbapi is a cloud load-balancer API client in the shape of the incident: the constructor
// stores the http.Client in a struct field and the methods, in another file, send the requests.
package lbapi

import (
	"net/http"
	"time"
)

// Config holds the client settings.
type Config struct {
	BaseURL string
	Timeout time.Duration
}

// LBClient talks to the load-balancer API.
type LBClient struct {
	baseURL    string
	httpClient *http.Client
}

// NewLBClient stores a client without Timeout; the methods in methods.go use it.
func NewLBClient(baseURL string) *LBClient {
	return &LBClient{
		baseURL: baseURL,
		httpClient: &http.Client{ // want `http.Client has no Timeout and is used for requests \(c.httpClient.Do\)`
			Transport: &http.Transport{MaxIdleConnsPerHost: 10},
		},
	}
}

// PoolClient is filled field by field, the client assigned to a field after construction.
type PoolClient struct {
	http *http.Client
}

// NewPoolClient assigns the field after building the struct.
func NewPoolClient() *PoolClient {
	p := &PoolClient{}
	p.http = &http.Client{} // want `http.Client has no Timeout and is used for requests \(p.http.Get\)`
	return p
}

// ConfiguredClient takes its timeout from configuration.
type ConfiguredClient struct {
	cfg    Config
	client *http.Client
}

// NewConfiguredClient is quiet: a Timeout from a config field counts.
func NewConfiguredClient(cfg Config) *ConfiguredClient {
	return &ConfiguredClient{cfg: cfg, client: &http.Client{Timeout: cfg.Timeout}}
}

// LateClient sets the timeout after construction.
type LateClient struct {
	client *http.Client
}

// NewLateClient is quiet: the constructor assigns Timeout on the stored client.
func NewLateClient(timeout time.Duration) *LateClient {
	c := &LateClient{client: &http.Client{}}
	if timeout > 0 {
		c.client.Timeout = timeout
	}
	return c
}

// TimeoutLBClient is the fixed twin of LBClient.
type TimeoutLBClient struct {
	httpClient *http.Client
}

// NewTimeoutLBClient is quiet: it has a Timeout, and LBClient's methods do not use its field.
func NewTimeoutLBClient() *TimeoutLBClient {
	return &TimeoutLBClient{httpClient: &http.Client{Timeout: 30 * time.Second}}
}

// UnusedHolder stores a client that nothing in the package sends requests with.
type UnusedHolder struct {
	base *http.Client
}

// NewUnusedHolder is quiet: the field is only read, never used for a request.
func NewUnusedHolder() *UnusedHolder {
	return &UnusedHolder{base: &http.Client{}}
}

// Mirror has a field named like PoolClient's; its Timeout does not bound PoolClient's client.
type Mirror struct {
	http *http.Client
}

// NewMirror sets a timeout on the client it is given.
func NewMirror(c *http.Client) *Mirror {
	m := &Mirror{http: c}
	m.http.Timeout = time.Second
	return m
}
