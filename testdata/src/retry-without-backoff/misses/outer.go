// Package misses holds retry loops that do not wait but hide it: the attempt sits in an inner loop
// over endpoints and the outer loop starts the list over at once, a select that cannot block, and a
// wait that only the success path reaches.
package misses

import (
	"context"
	"errors"
	"log"
	"net"
	"time"
)

// connectAny tries every endpoint, and once all have failed starts over at once.
func connectAny(addrs []string) net.Conn {
	for { // want `retry loop .*net\.Dial.* no delay`
		for _, addr := range addrs {
			conn, err := net.Dial("tcp", addr)
			if err == nil {
				return conn
			}
			log.Printf("dial %s: %v", addr, err)
		}
	}
}

// joinCluster leaves through a flag that the inner loop sets on success.
func joinCluster(peers []string, join func(string) error) {
	joined := false
	for !joined { // want `retry loop .*join.* no delay`
		for _, peer := range peers {
			if err := join(peer); err == nil {
				joined = true
				break
			}
		}
	}
}

// connectAnyPaced sleeps after each full round: quiet.
func connectAnyPaced(addrs []string) net.Conn {
	delay := 100 * time.Millisecond
	for {
		for _, addr := range addrs {
			if conn, err := net.Dial("tcp", addr); err == nil {
				return conn
			}
		}
		time.Sleep(delay)
		if delay < 10*time.Second {
			delay *= 2
		}
	}
}

// connectOnce goes over the list a single time: a failover, not a retry. Quiet.
func connectOnce(addrs []string) (net.Conn, error) {
	for _, addr := range addrs {
		if conn, err := net.Dial("tcp", addr); err == nil {
			return conn, nil
		}
	}
	return nil, errors.New("no endpoint")
}

// processBatches is an outer loop over work, not over attempts: each pass takes a new batch. Quiet.
func processBatches(ctx context.Context, next func() ([]string, bool), send func(string) error) {
	for {
		batch, ok := next()
		if !ok {
			return
		}
		for _, item := range batch {
			if err := send(item); err == nil {
				break
			}
		}
	}
}

// connectRounds makes three rounds over the endpoints back to back: reported at lower severity.
func connectRounds(addrs []string) (net.Conn, error) {
	for round := 0; round < 3; round++ { // want `retry loop goes over addrs up to 3 times, again as soon as every attempt at net\.Dial failed`
		for _, addr := range addrs {
			if conn, err := net.Dial("tcp", addr); err == nil {
				return conn, nil
			}
		}
	}
	return nil, errors.New("no endpoint")
}
