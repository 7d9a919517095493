package basic

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// Only one of the two requests carries a deadline: the other can still hang.
func mixed(url string) error {
	client := &http.Client{} // want `http.Client has no Timeout and is used for requests \(client.Get\)`
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if _, err := client.Do(req); err != nil {
		return err
	}
	_, err = client.Get(url)
	return err
}

// Workers in goroutines share a client without Timeout, like the incident's controller.
func workers(urls []string) {
	client := &http.Client{Transport: http.DefaultTransport} // want `http.Client has no Timeout`
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			if resp, err := client.Get(u); err == nil {
				resp.Body.Close()
			}
		}(u)
	}
	wg.Wait()
}

// A client returned with an error and used by the caller.
func buildClient() (*http.Client, error) {
	return &http.Client{}, nil // want `http.Client has no Timeout and is used for requests \(c.Do\)`
}

func useBuilt(req *http.Request) error {
	c, err := buildClient()
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Quiet: a same-package option function sets the Timeout.
func applyDefaults(c *http.Client) {
	c.Timeout = 15 * time.Second
}

func configured(url string) error {
	c := &http.Client{}
	applyDefaults(c)
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Quiet: the Timeout is set inside a func literal that configures the client before use.
func configuredInClosure(url string) error {
	c := &http.Client{}
	setup := func() { c.Timeout = time.Minute }
	setup()
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
