// Package fetch sends requests through clients built by a vendored package and a module-cache package.
package fetch

import (
	"net/http"

	"example.com/lib/transport"
	"github.com/acme/httpx"
)

// Status gets a URL through the vendored client.
func Status(url string) (int, error) {
	c := httpx.NewClient() // want `^httpx\.NewClient\(\) returns an http\.Client with no Timeout \(built at httpx/httpx\.go:8\) and is used for requests \(c\.Get\), so a stalled server blocks the caller forever; set its Timeout`
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// BoundedStatus gets a URL through the module cache's bounded client.
func BoundedStatus(url string) (int, error) {
	c := transport.NewBoundedClient()
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Send posts to a URL through the module cache's shared client.
func Send(url string) (int, error) {
	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := transport.Shared.Do(req) // want `^transport\.Shared is an http\.Client with no Timeout \(built at transport/transport\.go:10\) and is used for requests \(transport\.Shared\.Do\), so a stalled server blocks the caller forever`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Forward sends a request its caller built, so the caller's context owns the deadline.
func Forward(req *http.Request) (int, error) {
	resp, err := transport.Shared.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
