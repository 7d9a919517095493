// Package endpoints reproduces an endpoint-controller outage: the client for
// the cloud load-balancer API had no timeout, the API hung, and all five
// workers blocked forever on a response that never came.
package endpoints

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// LoadBalancer is the desired state of one cloud load balancer.
type LoadBalancer struct {
	Name      string   `json:"name"`
	Port      int      `json:"port"`
	Endpoints []string `json:"endpoints"`
}

func newLBRequest(base, method, name string, lb *LoadBalancer) (*http.Request, error) {
	var body bytes.Buffer
	if lb != nil {
		if err := json.NewEncoder(&body).Encode(lb); err != nil {
			return nil, err
		}
	}
	req, err := http.NewRequest(method, base+"/v1/loadbalancers/"+name, &body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}

func checkResponse(resp *http.Response, name string) error {
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("load balancer %s: unexpected status %s", name, resp.Status)
	}
	return nil
}

// LBClient talks to the cloud load-balancer API.
type LBClient struct {
	baseURL    string
	httpClient *http.Client
}

// NewLBClient reproduces incident 4 (http-client-no-timeout): the client is
// built with a Transport but no Timeout, so a request to a stalled API never
// returns and the calling worker is stuck for good.
func NewLBClient(baseURL string) *LBClient {
	return &LBClient{
		baseURL: baseURL,
		httpClient: &http.Client{
			Transport: &http.Transport{MaxIdleConnsPerHost: 10},
		},
	}
}

// EnsureLoadBalancer creates or updates a load balancer.
func (c *LBClient) EnsureLoadBalancer(lb *LoadBalancer) error {
	req, err := newLBRequest(c.baseURL, http.MethodPut, lb.Name, lb)
	if err != nil {
		return err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return err
	}
	return checkResponse(resp, lb.Name)
}

// EnsureLoadBalancerDeleted deletes a load balancer.
func (c *LBClient) EnsureLoadBalancerDeleted(name string) error {
	req, err := newLBRequest(c.baseURL, http.MethodDelete, name, nil)
	if err != nil {
		return err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return err
	}
	return checkResponse(resp, name)
}

// TimeoutLBClient is the fixed twin of LBClient.
type TimeoutLBClient struct {
	baseURL    string
	httpClient *http.Client
}

// NewTimeoutLBClient is safe: Timeout bounds the whole request, including
// reading the body, so a hung API costs a worker 30 seconds, not forever.
func NewTimeoutLBClient(baseURL string) *TimeoutLBClient {
	return &TimeoutLBClient{
		baseURL: baseURL,
		httpClient: &http.Client{
			Transport: &http.Transport{MaxIdleConnsPerHost: 10},
			Timeout:   30 * time.Second,
		},
	}
}

// EnsureLoadBalancer creates or updates a load balancer.
func (c *TimeoutLBClient) EnsureLoadBalancer(lb *LoadBalancer) error {
	req, err := newLBRequest(c.baseURL, http.MethodPut, lb.Name, lb)
	if err != nil {
		return err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return err
	}
	return checkResponse(resp, lb.Name)
}

// EnsureLoadBalancerDeleted deletes a load balancer.
func (c *TimeoutLBClient) EnsureLoadBalancerDeleted(name string) error {
	req, err := newLBRequest(c.baseURL, http.MethodDelete, name, nil)
	if err != nil {
		return err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return err
	}
	return checkResponse(resp, name)
}
