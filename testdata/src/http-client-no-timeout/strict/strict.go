package strict

import (
	"context"
	"net"
	"net/http"
	"time"
)

// With ignoreStreaming off, a watch client is reported.
func openWatch(url string) (*http.Response, error) {
	watchClient := &http.Client{} // want `http.Client has no Timeout \(e.g. 10 \* time.Second\)|http.Client has no Timeout`
	return watchClient.Get(url)
}

// With ignoreContextDeadlines off, a deadline context no longer exempts the client.
func contextDeadline(url string) error {
	client := &http.Client{} // want `http.Client has no Timeout`
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

// With ignoreCallerContexts off, a caller's context no longer exempts the client.
func callerContext(ctx context.Context, url string) error {
	client := &http.Client{} // want `set Timeout \(e.g. 10 \* time.Second\)`
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

// With checkDialers off, net.Dial is left alone.
func dial(addr string) (net.Conn, error) {
	return net.Dial("tcp", addr)
}

// Sender passes on requests from outside the package.
type Sender struct {
	hc *http.Client
}

// NewSender is reported with ignoreCallerContexts off.
func NewSender() *Sender {
	return &Sender{hc: &http.Client{}} // want `http.Client has no Timeout and is used for requests \(s.hc.Do\)`
}

// Send passes the caller's request on.
func (s *Sender) Send(req *http.Request) (*http.Response, error) {
	return s.hc.Do(req)
}
