package quietloops

import (
	"context"
	"net"
	"net/http"
	"time"
)

// withAttemptTimeout bounds each attempt with its own deadline.
func withAttemptTimeout(parent context.Context, call func(context.Context) error) error {
	for {
		ctx, cancel := context.WithTimeout(parent, 5*time.Second)
		err := call(ctx)
		cancel()
		if err == nil {
			return nil
		}
		if parent.Err() != nil {
			return parent.Err()
		}
	}
}

// readWithDeadline sets a read deadline on the connection before each attempt.
func readWithDeadline(conn net.Conn, buf []byte) (int, error) {
	for {
		if err := conn.SetReadDeadline(time.Now().Add(2 * time.Second)); err != nil {
			return 0, err
		}
		n, err := conn.Read(buf)
		if err == nil {
			return n, nil
		}
		if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
			return 0, err
		}
	}
}

// getWithDeadline binds each request to a timeout context.
func getWithDeadline(parent context.Context, client *http.Client, req *http.Request) error {
	for {
		ctx, cancel := context.WithTimeout(parent, 10*time.Second)
		resp, err := client.Do(req.WithContext(ctx))
		if err == nil {
			resp.Body.Close()
		}
		cancel()
		if err == nil {
			return nil
		}
		if parent.Err() != nil {
			return parent.Err()
		}
	}
}

// getCancelable binds each request to a timeout context through its Cancel channel.
func getCancelable(parent context.Context, client *http.Client, req *http.Request) error {
	for {
		ctx, cancel := context.WithTimeout(parent, 10*time.Second)
		req.Cancel = ctx.Done()
		resp, err := client.Do(req)
		cancel()
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if parent.Err() != nil {
			return parent.Err()
		}
	}
}
