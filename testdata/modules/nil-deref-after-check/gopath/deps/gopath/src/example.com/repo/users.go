// Package repo is found through GOPATH: the app has no go.mod.
package repo

import "errors"

type User struct{ Name string }

type Store struct {
	Dir   string
	users map[string]*User
}

// Find returns nil with an error for an unknown id.
func (s *Store) Find(id string) (*User, error) {
	user, ok := s.users[id]
	if !ok {
		return nil, errors.New("repo: no such user")
	}
	return user, nil
}

// FindOrGuest returns a guest user along with the error for an unknown id.
func (s *Store) FindOrGuest(id string) (*User, error) {
	if user, ok := s.users[id]; ok {
		return user, nil
	}
	return &User{Name: "guest"}, errors.New("repo: no such user")
}

// Open returns nil with an error when the path is empty.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("repo: no path")
	}
	return &Store{Dir: path, users: map[string]*User{}}, nil
}
