// Package errcontract holds results used after an error branch that does not stop.
package errcontract

import (
	"errors"
	"fmt"
)

type Meta struct {
	LastIndex uint64
}

type Client struct {
	metas map[string]*Meta
}

var ErrNotFound = errors.New("not found")

// GetMeta returns nil with its error, so callers must not use the result then.
func (c *Client) GetMeta(key string) (*Meta, error) {
	meta, ok := c.metas[key]
	if !ok {
		return nil, fmt.Errorf("meta %s: %w", key, ErrNotFound)
	}
	return meta, nil
}

// lookup forwards GetMeta, so it inherits its may-return-nil summary.
func (c *Client) lookup(key string) (*Meta, error) {
	return c.GetMeta(key)
}

// Defaulted never returns a nil result, even with an error.
func (c *Client) Defaulted(key string) (*Meta, error) {
	meta, ok := c.metas[key]
	if !ok {
		return &Meta{}, ErrNotFound
	}
	return meta, nil
}

type Template struct {
	name string
	text string
}

func NewTemplate(name string) *Template {
	return &Template{name: name}
}

// Parse returns nil with its error.
func (t *Template) Parse(text string) (*Template, error) {
	if text == "" {
		return nil, errors.New("empty template")
	}
	t.text = text
	return t, nil
}
