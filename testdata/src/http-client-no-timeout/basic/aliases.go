package basic

import (
	"context"
	nethttp "net/http"
)

// An aliased import of net/http is still net/http.
func aliased(u string) error {
	c := &nethttp.Client{} // want `nethttp.Client has no Timeout`
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The package helpers through an alias.
func aliasedGet(u string) {
	_, _ = nethttp.Get(u) // want `nethttp.Get uses http.DefaultClient`
}

// Quiet: DefaultClient.Do with a request whose context has a deadline from context.WithTimeout.
func aliasedDeadline(ctx context.Context, u string) error {
	ctx, cancel := context.WithTimeout(ctx, 5e9)
	defer cancel()
	req, err := nethttp.NewRequestWithContext(ctx, nethttp.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := nethttp.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
