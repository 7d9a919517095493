package quietloops

import (
	"errors"
	"net"
)

// Picker hands out endpoints in turn.
type Picker interface {
	Next() string
}

// dialAny fails over across the endpoints, each at most once per call: a constant number of passes.
func dialAny(addrs []string) (net.Conn, error) {
	for i := 0; i < len(addrs); i++ {
		conn, err := net.Dial("tcp", addrs[i])
		if err == nil {
			return conn, nil
		}
	}
	return nil, errors.New("no endpoint reachable")
}

// dialPicked asks the picker for the next endpoint on each pass.
func dialPicked(p Picker, attempts int) (net.Conn, error) {
	for i := 0; i < attempts; i++ {
		conn, err := net.Dial("tcp", p.Next())
		if err == nil {
			return conn, nil
		}
	}
	return nil, errors.New("no endpoint reachable")
}

// dialRotating moves the client's cursor to the next address after each failure; the limit is a
// parameter, the number of endpoints known to the caller.
func (c *Client) dialRotating(attempts int) error {
	for i := 0; i < attempts; i++ {
		err := c.dialTo(c.addrs[c.current])
		if err == nil {
			return nil
		}
		c.current = (c.current + 1) % len(c.addrs)
	}
	return errors.New("all endpoints failed")
}

// dialNextServer fails over through a method that advances the client's cursor itself.
func (c *Client) dialNextServer() error {
	for range c.addrs {
		if err := c.dialCurrent(); err == nil {
			return nil
		}
	}
	return errors.New("all endpoints failed")
}

// dialCurrent dials the current address and moves the cursor on failure.
func (c *Client) dialCurrent() error {
	addr := c.addrs[c.current]
	c.current = (c.current + 1) % len(c.addrs)
	return c.dialTo(addr)
}

// dialEach uses a same-package method that advances the cursor, bounded by a parameter.
func (c *Client) dialEach(tries int) error {
	for n := 0; n < tries; n++ {
		if err := c.dialCurrent(); err == nil {
			return nil
		}
	}
	return errors.New("all endpoints failed")
}
