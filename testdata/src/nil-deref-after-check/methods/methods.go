// Package methods holds dereferences through method calls, indexes and stars.
package methods

import (
	"errors"
	"log"
)

type Conn struct {
	addr string
	open bool
}

// Addr reads a field without guarding the receiver.
func (c *Conn) Addr() string {
	return c.addr
}

// Close guards a nil receiver.
func (c *Conn) Close() error {
	if c == nil {
		return errors.New("nil conn")
	}
	c.open = false
	return nil
}

// Kind never touches its receiver.
func (c *Conn) Kind() string {
	return "tcp"
}

// Label has a value receiver: calling it through a nil pointer copies *c.
func (c Conn) Label() string {
	return "conn " + c.addr
}

type Pool struct {
	conns map[string]*Conn
}

// A method that reads the receiver's fields, called in the nil branch.
func (p *Pool) Addr(name string) string {
	c := p.conns[name]
	if c == nil {
		log.Printf("no conn %s", name)
		return c.Addr() // want `c is nil here .* and c.Addr\(\) dereferences it`
	}
	return c.Addr()
}

// A value-receiver method called on the nil pointer.
func (p *Pool) Label(name string) string {
	c := p.conns[name]
	if c == nil {
		return c.Label() // want `c is nil here .* and c.Label\(\) dereferences it`
	}
	return c.Label()
}

// Nil-safe methods may be called on the nil pointer.
func (p *Pool) CloseAll(name string) error {
	c := p.conns[name]
	if c == nil {
		log.Printf("closing missing conn %s (%s)", name, c.Kind())
		return c.Close()
	}
	return c.Close()
}

// An interface method called on an error that was just found nil.
func Explain(err error) string {
	if err == nil {
		return "ok: " + err.Error() // want `err is nil here .* and err.Error\(\) dereferences it`
	}
	return err.Error()
}

type Dialer interface {
	Dial(addr string) (*Conn, error)
}

// An interface value of this package, used in its nil branch.
func Dial(d Dialer, addr string) *Conn {
	if d == nil {
		log.Print("no dialer")
	}
	c, _ := d.Dial(addr) // want `d may be nil here .* and d.Dial\(\) dereferences it`
	return c
}

// Indexing through a pointer to an array dereferences it.
func First(ring *[8]int) int {
	if ring == nil {
		log.Print("empty ring")
	}
	return ring[0] // want `ring may be nil here .* and ring\[0\] dereferences it`
}

// Indexing a nil slice or reading a nil map does not dereference a pointer.
func Lookup(ids []int, names map[int]string) string {
	if ids == nil {
		log.Print("no ids")
	}
	if names == nil {
		log.Print("no names")
	}
	return names[len(ids)]
}

type Request struct {
	Name string
}

// GetName is a protobuf-style getter: nil-safe by construction.
func (r *Request) GetName() string {
	if r != nil {
		return r.Name
	}
	return ""
}

// Protobuf-style getters accept a nil receiver.
func Greet(r *Request) string {
	if r == nil {
		log.Printf("nil request %q", r.GetName())
	}
	return "hello " + r.GetName()
}

type Set map[string]bool

// Has works on a nil map.
func (s Set) Has(key string) bool {
	return s[key]
}

// A method of a map type on a nil map is fine.
func Contains(s Set, key string) bool {
	if s == nil {
		log.Print("empty set")
	}
	return s.Has(key)
}
