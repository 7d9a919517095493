// Package client is a vendored API client whose methods keep different error contracts.
package client

import "errors"

type Client struct{ base string }

type Object struct{ Name string }

func New(base string) *Client { return &Client{base: base} }

// Get returns nil with its error when the object cannot be read.
func (c *Client) Get(name string) (*Object, error) {
	if name == "" {
		return nil, errors.New("client: empty name")
	}
	return c.fetch(name)
}

func (c *Client) fetch(name string) (*Object, error) {
	if c.base == "" {
		return nil, errors.New("client: no base URL")
	}
	return &Object{Name: name}, nil
}

// GetOrDefault returns a usable default object along with its error.
func (c *Client) GetOrDefault(name string) (*Object, error) {
	if name == "" {
		return &Object{Name: "default"}, errors.New("client: empty name")
	}
	return &Object{Name: name}, nil
}

// Named leaves its result nil only for an empty name.
func (c *Client) Named(name string) (*Object, error) {
	if name == "" {
		return nil, errors.New("client: empty name")
	}
	return &Object{Name: name}, nil
}
