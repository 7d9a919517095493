// Package constructors asserts which functions build and return a struct of the package, whatever
// they are called, and which struct types building it builds (through fields, three levels deep).
package constructors

import "sync"

type index struct {
	byName map[string]int
}

type segment struct {
	id int
}

// DB holds an index by value and segments by pointer in a map.
type DB struct {
	mu       sync.Mutex
	idx      index
	segments map[int]*segment
	remote   *Client
}

// Client is built elsewhere and only referred to.
type Client struct {
	addr string
}

// Open builds the DB itself: a constructor, though not named New.
func Open(path string) (*DB, error) { // want Open:"constructs\\(DB,index,segment,Client\\)"
	return &DB{segments: map[int]*segment{}}, nil
}

// OpenDefault takes its DB from another constructor.
func OpenDefault() (*DB, error) { // want OpenDefault:"constructs\\(DB,index,segment,Client\\)"
	return Open("default")
}

// newSegment builds a segment by new.
func newSegment(id int) *segment { // want newSegment:"constructs\\(segment\\)"
	s := new(segment)
	s.id = id
	return s
}

// Lookup returns a DB it did not build: no constructor.
func Lookup(dbs map[string]*DB, name string) *DB {
	return dbs[name]
}

// Segment is a method: methods are never constructors, even when they build what they return.
func (db *DB) Segment(id int) *segment { // want DB.Segment:"nilSafe"
	return &segment{id: id}
}

// NewNamer returns an interface: no struct of the package among its results.
func NewNamer() interface{ Name() string } {
	return nil
}
