// Package errwide holds the error contract in forms beyond `if err != nil { ... }`.
package errwide

import (
	"errors"
	"log"
)

type Conf struct {
	Name string
	Port int
}

var ErrMissing = errors.New("missing")

// load returns nil with an error when the file is missing.
func load(path string) (*Conf, error) {
	if path == "" {
		return nil, ErrMissing
	}
	return &Conf{Name: path}, nil
}

// parse forwards load: it inherits load's "nil with an error".
func parse(path string) (*Conf, error) {
	return load(path)
}

type Store struct{ dir string }

// Open is a method whose summary says "nil with an error".
func (s *Store) Open(name string) (*Conf, error) {
	if s.dir == "" {
		return nil, errors.New("no dir")
	}
	return &Conf{Name: name}, nil
}

// The else branch of `err == nil` is the error branch.
func ElseOfNil(path string) string {
	c, err := load(path)
	if err == nil {
		log.Printf("loaded %s", c.Name)
	} else {
		log.Printf("load %s: %v (%s)", path, err, c.Name) // want `c is nil here because err is not nil`
	}
	return path
}

// `err == nil` with a then branch that does not stop, and the use after the if.
func NilThenFallThrough(path string) int {
	c, err := load(path)
	if err == nil {
		log.Printf("ok")
	}
	return c.Port // want `c may be nil here`
}

// A tagless switch with an error case that falls out.
func Switch(path string) int {
	c, err := parse(path)
	switch {
	case err != nil:
		log.Printf("parse: %v", err)
	}
	return c.Port // want `c may be nil here`
}

// A type switch on the error: every case but nil has a non-nil error.
func TypeSwitch(path string) int {
	c, err := load(path)
	switch err.(type) {
	case nil:
		return c.Port
	default:
		log.Printf("load: %v", err)
		return c.Port // want `c is nil here because err is not nil`
	}
}

// The error copied to a second variable and checked there.
func Copied(path string) int {
	c, err := load(path)
	e := err
	if e != nil {
		log.Printf("load: %v", e)
	}
	return c.Port // want `c may be nil here`
}

type result struct {
	conf *Conf
	err  error
}

// The error stored in a struct field next to the value.
func Field(path string) int {
	var r result
	r.conf, r.err = load(path)
	if r.err != nil {
		log.Printf("load: %v", r.err)
	}
	return r.conf.Port // want `r.conf may be nil here`
}

// errors.Is holds only for a non-nil error: a branch on it that falls through leaves c nil.
func Is(path string) int {
	c, err := load(path)
	if errors.Is(err, ErrMissing) {
		log.Printf("no config at %s", path)
	}
	return c.Port // want `c may be nil here`
}

// A method whose summary says "nil with an error".
func Method(s *Store) string {
	c, err := s.Open("x")
	if err != nil {
		log.Print(err)
	}
	return c.Name // want `c may be nil here because the err != nil branch .*s.Open\(\)`
}

// Quiet: the else branch of `err != nil` has a nil error.
func ElseOfNotNil(path string) int {
	c, err := load(path)
	if err != nil {
		return 0
	} else {
		return c.Port
	}
}

// Quiet: errors.Is branch that returns.
func IsReturns(path string) int {
	c, err := load(path)
	if errors.Is(err, ErrMissing) {
		return 0
	}
	if err != nil {
		return -1
	}
	return c.Port
}

// Quiet: the error copy is checked and the branch returns.
func CopiedReturns(path string) int {
	c, err := load(path)
	e := err
	if e != nil {
		return 0
	}
	return c.Port
}

// Quiet: the type switch returns in its error cases.
func TypeSwitchReturns(path string) int {
	c, err := load(path)
	switch err.(type) {
	case nil:
	default:
		return 0
	}
	return c.Port
}

// Quiet: the default fills the value on the error path.
func Defaulted(path string) int {
	c, err := load(path)
	if err != nil {
		log.Print(err)
		c = &Conf{}
	}
	return c.Port
}

type exitError struct{ code int }

func (e *exitError) Error() string { return "exit" }

// run returns nil output with some errors, but not with an *exitError.
func run(name string) (*Conf, error) {
	if name == "" {
		return nil, errors.New("no command")
	}
	return &Conf{Name: name}, &exitError{code: 1}
}

// Quiet: the code narrows the error to a kind that comes with a result.
func Narrowed(name string) string {
	out, err := run(name)
	if err != nil {
		exit, ok := err.(*exitError)
		if !ok {
			return ""
		}
		log.Printf("exit %d: %s", exit.code, out.Name)
	}
	return out.Name
}
