package kv

import "fmt"

type Entry struct{ Value string }

func Read(key string) (*Entry, error) {
	if key == "" {
		return nil, fmt.Errorf("kv: no key")
	}
	return &Entry{Value: key}, nil
}
