package testcode

import "errors"

type Record struct {
	Name  string
	Owner *Record
}

var errMissing = errors.New("missing")

// find returns nil with an error when the key is unknown.
func find(key string) (*Record, error) {
	if key == "" {
		return nil, errMissing
	}
	return &Record{Name: key}, nil
}

// lookup returns nil when nothing matches.
func lookup(key string) *Record {
	if key == "none" {
		return nil
	}
	return &Record{Name: key}
}

// store is a fake whose Get never fails.
type store struct{ records map[string]*Record }

func (s *store) Get(key string) (*Record, error) {
	return s.records[key], nil
}
