package sync

import (
	"context"
	"net/http"
	"time"

	"example.com/cloud"
	"example.com/httputil"
)

func Fetch(url string) (int, error) {
	c := httputil.NewClient() // want `^httputil.NewClient\(\) returns an http.Client with no Timeout \(built at httputil/client.go:17\) and is used for requests \(c.Get\), so a stalled server blocks the caller forever; set its Timeout`
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func FetchBounded(url string) (int, error) {
	c := httputil.NewBoundedClient()
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func FetchFixed(url string) (int, error) {
	c := httputil.NewClient()
	c.Timeout = 5 * time.Second
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func Status(url string) error {
	resp, err := httputil.Shared.Get(url) // want `^httputil.Shared is an http.Client with no Timeout \(built at httputil/client.go:10\) and is used for requests \(httputil.Shared.Get\)`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func StatusBounded(url string) error {
	resp, err := httputil.Bounded.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type Controller struct {
	api *cloud.API
}

func NewController(endpoint string) *Controller {
	hc := &http.Client{} // want `^http.Client has no Timeout and is used for requests \(cloud.New → a.hc.Get\)`
	return &Controller{api: cloud.New(hc, endpoint)}
}

func Check(url string) error {
	return cloud.Ping(&http.Client{}, url) // want `^http.Client has no Timeout and is used for requests \(cloud.Ping → hc.Head\)`
}

func Probe(ctx context.Context, url string) error {
	return cloud.Probe(ctx, &http.Client{}, url)
}

func CheckBounded(url string) error {
	return cloud.Ping(&http.Client{Timeout: time.Second}, url)
}
