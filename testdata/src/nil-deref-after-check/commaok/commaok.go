// Package commaok holds `v, ok := x.(*T)`: v is nil where the code found ok false.
package commaok

import "log"

type Event struct{ ID int }

type Handler interface{ Handle() }

// The branch for a failed assertion uses the value.
func Failed(x any) int {
	e, ok := x.(*Event)
	if !ok {
		log.Printf("not an event: %d", e.ID) // want `e is nil here because the type assertion at line 12 failed \(ok is false, checked at line 13\) and e.ID dereferences it`
		return 0
	}
	return e.ID
}

// A branch for the success case that falls through.
func FallThrough(x any) int {
	e, ok := x.(*Event)
	if ok {
		log.Printf("event")
	}
	return e.ID // want `e may be nil here because the ok check at line 23`
}

// An interface-typed result is nil too.
func Interface(x any) {
	var h Handler
	var found bool
	h, found = x.(Handler)
	if !found {
		h.Handle() // want `h is nil here because the type assertion`
	}
}

// Quiet: the failed case returns.
func Returns(x any) int {
	e, ok := x.(*Event)
	if !ok {
		return 0
	}
	return e.ID
}

// Quiet: a struct result is a zero value, not nil.
func Struct(x any) int {
	e, ok := x.(Event)
	if !ok {
		return e.ID
	}
	return e.ID
}

// Quiet: ok is reassigned before the test.
func Reassigned(x any, fallback *Event) int {
	e, ok := x.(*Event)
	if !ok {
		e, ok = fallback, fallback != nil
	}
	if ok {
		return e.ID
	}
	return 0
}
