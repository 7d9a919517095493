package lib

import (
	"errors"

	"github.com/Acme/kv"
)

type Config struct {
	Name    string
	Partial bool
}

// Parse hands back what parse returned, nil config included.
func Parse(text string) (*Config, error) {
	cfg, err := parse(text)
	return cfg, err
}

func parse(text string) (*Config, error) {
	if len(text) > 100 {
		return nil, errors.New("lib: config too long")
	}
	return &Config{Name: text}, nil
}

// ParsePartial returns what it could read along with the error.
func ParsePartial(text string) (*Config, error) {
	cfg := &Config{Name: text}
	if len(text) > 100 {
		cfg.Partial = true
		return cfg, errors.New("lib: config truncated")
	}
	return cfg, nil
}

// Load reads a config from another module, whose contract it forwards.
func Load(key string) (*kv.Entry, error) {
	return kv.Read(key)
}
