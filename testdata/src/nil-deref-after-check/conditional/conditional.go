// Package conditional holds callees that return nil with an error only for some arguments, and
// callees that never return nil: the error contract is checked against the call itself.
package conditional

import (
	"errors"
	"log"
	"strings"
)

type Spec struct{ Name string }

type Plan struct {
	Steps []string
	Spec  *Spec
}

// build returns nil with an error only when spec is nil.
func build(spec *Spec) (*Plan, error) {
	if spec == nil {
		return nil, errors.New("no spec")
	}
	if spec.Name == "bad" {
		return &Plan{}, errors.New("bad spec")
	}
	return &Plan{Spec: spec}, nil
}

// parse returns nil with an error only for an empty text.
func parse(text string) (*Plan, error) {
	if text == "" || len(text) == 0 {
		return nil, errors.New("empty")
	}
	return &Plan{Steps: strings.Fields(text)}, nil
}

// split returns nil only for an empty list.
func split(parts []string) (*Plan, error) {
	if len(parts) == 0 {
		return nil, errors.New("no parts")
	}
	return &Plan{Steps: parts}, nil
}

// Quiet: a literal argument rules out the only nil return.
func Literal() int {
	p, err := build(&Spec{Name: "x"})
	if err != nil {
		log.Print(err)
	}
	return len(p.Steps)
}

// Quiet: the argument was just checked.
func Checked(spec *Spec) int {
	if spec == nil {
		return 0
	}
	p, err := build(spec)
	if err != nil {
		log.Print(err)
	}
	return len(p.Steps)
}

// Quiet: non-empty text and lists.
func Text() int {
	p, err := parse("a b c")
	if err != nil {
		log.Print(err)
	}
	q, err := split([]string{"a"})
	if err != nil {
		log.Print(err)
	}
	return len(p.Steps) + len(q.Steps)
}

// The argument may be nil: the nil return is possible.
func Unchecked(spec *Spec) int {
	p, err := build(spec)
	if err != nil {
		log.Print(err)
	}
	return len(p.Steps) // want `p may be nil here because the err != nil branch .*build\(\)`
}

// An empty literal is exactly the guarded case.
func Empty() int {
	p, err := parse("")
	if err != nil {
		log.Print(err)
	}
	return len(p.Steps) // want `p may be nil here`
}

// reassigned changes its parameter before the guard: the guard says nothing about the argument.
func reassigned(spec *Spec) (*Plan, error) {
	spec = lookup(spec)
	if spec == nil {
		return nil, errors.New("no spec")
	}
	return &Plan{Spec: spec}, nil
}

func lookup(spec *Spec) *Spec { return nil }

func Reassigned() int {
	p, err := reassigned(&Spec{})
	if err != nil {
		log.Print(err)
	}
	return len(p.Steps) // want `p may be nil here`
}

// open never returns a nil plan, although it returns errors.
func open(name string) (*Plan, error) {
	plan := &Plan{}
	if name == "" {
		return plan, errors.New("no name")
	}
	return &Plan{Steps: []string{name}}, nil
}

// Quiet: open never returns nil.
func NeverNil(name string) int {
	p, err := open(name)
	if err != nil {
		log.Print(err)
	}
	return len(p.Steps)
}
