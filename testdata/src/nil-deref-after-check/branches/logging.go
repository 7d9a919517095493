// Package branches holds nil branches that do not stop, and their fixed twins.
package branches

import (
	"fmt"
	"log"
)

type Meta struct {
	LastIndex uint64
	Name      string
}

type Object struct {
	Meta  *Meta
	Owner *Object
	Name  string
}

type Store struct {
	objects map[string]*Object
	logger  *log.Logger
}

// A nil branch that only logs falls through to the field read.
func (s *Store) IndexOf(key string) uint64 {
	obj := s.objects[key]
	if obj == nil {
		log.Printf("object %s not found", key)
	}
	return obj.Meta.LastIndex // want `obj may be nil here \(checked at line 28, .*\) and obj.Meta dereferences it`
}

// The twin returns from the nil branch.
func (s *Store) IndexOfSafe(key string) uint64 {
	obj := s.objects[key]
	if obj == nil {
		log.Printf("object %s not found", key)
		return 0
	}
	return obj.Meta.LastIndex
}

// The not-found log line formats the missing object itself.
func (s *Store) Describe(key string) string {
	obj := s.objects[key]
	if obj == nil {
		s.logger.Printf("object %s (%s) not found", key, obj.Name) // want `obj is nil here \(checked at line 47\) and obj.Name dereferences it`
		return ""
	}
	return obj.Name
}

// A field path: the check is on obj.Meta, the use reads through it.
func LastIndex(obj *Object) uint64 {
	if obj.Meta == nil {
		fmt.Printf("object %s has no metadata, index %d\n", obj.Name, obj.Meta.LastIndex) // want `obj.Meta is nil here .* and obj.Meta.LastIndex dereferences it`
		return 0
	}
	return obj.Meta.LastIndex
}

// A field path of depth three.
func OwnerMetaName(obj *Object) string {
	if obj.Owner.Meta == nil {
		log.Printf("owner of %s has no metadata", obj.Name)
	}
	return obj.Owner.Meta.Name // want `obj.Owner.Meta may be nil here .* and obj.Owner.Meta.Name dereferences it`
}

// The check written with the nil on the left and negated.
func NegatedCheck(obj *Object) string {
	if !(nil != obj) {
		return "missing " + obj.Name // want `obj is nil here`
	}
	return obj.Name
}

// The nil branch of `x != nil` is the else branch, and it falls through.
func ElseFallsThrough(obj *Object) string {
	if obj != nil {
		log.Printf("found %s", obj.Name)
	} else {
		log.Printf("not found")
	}
	return obj.Name // want `obj may be nil here`
}

// Only the first dereference after the check is reported: past it obj is known not to be nil.
func OnlyFirst(obj *Object) string {
	if obj == nil {
		log.Print("no object")
	}
	name := obj.Name // want `obj may be nil here`
	return name + obj.Meta.Name
}
