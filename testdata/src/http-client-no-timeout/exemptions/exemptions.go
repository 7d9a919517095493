package exemptions

import (
	"context"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// Quiet: Timeout assigned later in the same function.
func laterAssignment(url string, d time.Duration) error {
	c := &http.Client{}
	c.Timeout = d
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Quiet: new(http.Client) with Timeout assigned before use.
func newWithTimeout(req *http.Request) (*http.Response, error) {
	c := new(http.Client)
	c.Timeout = 5 * time.Second
	return c.Do(req)
}

// Quiet: a declared client with Timeout assigned before use.
func varWithTimeout(url string) (*http.Response, error) {
	var c http.Client
	c.Timeout = time.Minute
	return c.Get(url)
}

// Quiet: every request carries a context from context.WithTimeout in the same function.
func contextDeadline(url string) error {
	client := &http.Client{}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Quiet: WithDeadline and req.WithContext count too.
func contextWithDeadline(url string, at time.Time) error {
	client := &http.Client{}
	ctx, cancel := context.WithDeadline(context.Background(), at)
	defer cancel()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req = req.WithContext(ctx)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Quiet: the caller's context bounds the request (every SDK method takes a ctx).
func callerContext(ctx context.Context, url string) error {
	client := &http.Client{}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Quiet: a client meant to stream is named for it.
func openWatch(url string) (*http.Response, error) {
	watchClient := &http.Client{}
	return watchClient.Get(url)
}

// Quiet: a comment says the client streams server-sent events.
func events(url string) (*http.Response, error) {
	// The client stays open for the SSE stream, so it must not time out.
	c := &http.Client{}
	return c.Get(url)
}

// Quiet: a Transport with ResponseHeaderTimeout bounds the wait for the server.
func headerTimeout(url string) error {
	tr := &http.Transport{ResponseHeaderTimeout: 5 * time.Second}
	client := &http.Client{Transport: tr}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Quiet: the client is only handed to oauth2 as the base client for its context.
func oauthContext(ctx context.Context) context.Context {
	base := &http.Client{Transport: http.DefaultTransport}
	return context.WithValue(ctx, oauth2.HTTPClient, base)
}

// Quiet: the client is the base for a copy that gets a Timeout.
func derived(url string) error {
	base := &http.Client{Transport: http.DefaultTransport}
	limited := *base
	limited.Timeout = 3 * time.Second
	resp, err := limited.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Quiet: returned from an exported constructor that nothing in the package calls.
func NewClient() *http.Client {
	return &http.Client{Transport: http.DefaultTransport}
}

// Quiet: only a test sends requests with this client.
func newProbeClient() *http.Client {
	return &http.Client{}
}
