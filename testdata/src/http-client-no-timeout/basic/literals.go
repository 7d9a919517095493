package basic

import (
	"io"
	"net/http"
	"strings"
	"time"
)

// A client literal without Timeout that sends a request in the same function.
func fetchStatus(url string) (int, error) {
	client := &http.Client{} // want `http.Client has no Timeout and is used for requests \(client.Get\)`
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// A value (not pointer) literal with a Transport but no Timeout.
func postJSON(url, body string) error {
	client := http.Client{Transport: &http.Transport{MaxIdleConns: 4}} // want `http.Client has no Timeout`
	resp, err := client.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// An explicit zero Timeout means no timeout at all.
func zeroTimeout(req *http.Request) (*http.Response, error) {
	c := &http.Client{Timeout: 0} // want `http.Client has Timeout: 0 and is used for requests \(c.Do\)`
	return c.Do(req)
}

// The literal used directly as the receiver of a request.
func headOnce(url string) error {
	resp, err := (&http.Client{}).Head(url) // want `http.Client has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// new(http.Client) with no Timeout assigned before use.
func withNew(req *http.Request) (*http.Response, error) {
	c := new(http.Client) // want `new\(http.Client\) has no Timeout`
	c.Transport = http.DefaultTransport
	return c.Do(req)
}

// A declared zero-value client used for a request.
func withVar(url string) (*http.Response, error) {
	var c http.Client // want `var c http.Client has no Timeout`
	return c.Get(url)
}

// A package-level client used by a function of the package.
var sharedClient = &http.Client{ // want `http.Client has no Timeout and is used for requests \(sharedClient.PostForm\)`
	Transport: http.DefaultTransport,
}

func submit(url string) error {
	resp, err := sharedClient.PostForm(url, nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A client returned by a helper and used by its caller.
func newPlainClient() *http.Client {
	return &http.Client{CheckRedirect: nil} // want `http.Client has no Timeout and is used for requests \(c.Get\)`
}

func download(url string, w io.Writer) error {
	c := newPlainClient()
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}

// A client handed to a same-package helper that sends the request.
func sendVia(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func notify(req *http.Request) error {
	return sendVia(&http.Client{}, req) // want `http.Client has no Timeout and is used for requests \(c.Do\)`
}

// A request built with NewRequest (no context): Do has no deadline.
func plainRequest(url string) error {
	client := &http.Client{Transport: http.DefaultTransport} // want `http.Client has no Timeout`
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Quiet: a literal Timeout.
func withTimeout(url string) error {
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Quiet: the client is built but never used for a request here.
func transportOnly() http.RoundTripper {
	c := &http.Client{}
	return c.Transport
}
