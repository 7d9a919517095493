// Package arrays holds nil pointers to arrays and nil interfaces.
package arrays

import "log"

type Block [4]byte

// Indexing a nil *[N]T panics.
func Index(p *[4]int) int {
	if p == nil {
		log.Print("no array")
		return p[0] // want `p is nil here .* and p\[0\] dereferences it`
	}
	return p[1]
}

// Slicing a nil *[N]T panics too.
func Slice(p *[4]int) []int {
	if p == nil {
		return p[1:3] // want `p is nil here .* and p\[1:3\] dereferences it`
	}
	return p[:]
}

// Ranging with a value reads the array.
func RangeValue(p *[4]int) int {
	total := 0
	if p == nil {
		for _, v := range p { // want `p (is|may be) nil here .* and range p dereferences it`
			total += v
		}
	}
	return total
}

// Quiet: len of a nil *[N]T is N, and ranging over indexes only does not read it.
func Length(p *[4]int) int {
	n := 0
	if p == nil {
		n = len(p)
		for i := range p {
			n += i
		}
	}
	return n
}

// Quiet: a nil slice can be sliced and ranged.
func NilSlice(s []int) int {
	if s == nil {
		for _, v := range s {
			return v
		}
		return len(s[0:0])
	}
	return 0
}

type Shape interface {
	Area() float64
}

type Square struct{ Side float64 }

func (s Square) Area() float64 { return s.Side * s.Side }

// A type assertion on a nil interface panics.
func Assert(s Shape) float64 {
	if s == nil {
		sq := s.(Square) // want `s is nil here .* and s.\(Square\) dereferences it`
		return sq.Side
	}
	return 0
}

// A method call on a nil interface panics.
func Call(s Shape) float64 {
	if s == nil {
		log.Print("no shape")
	}
	return s.Area() // want `s may be nil here .* and s.Area\(\) dereferences it`
}

// Quiet: the comma-ok assertion does not panic.
func AssertOK(s Shape) float64 {
	if s == nil {
		if sq, ok := s.(Square); ok {
			return sq.Side
		}
	}
	return 0
}

// Quiet: a type switch on a nil interface takes the nil or default case.
func Switch(s Shape) float64 {
	if s == nil {
		switch v := s.(type) {
		case Square:
			return v.Side
		}
	}
	return 0
}

// Writing to a nil map or an index of a nil slice panics.
func Write(m map[string]int, s []int) {
	if m == nil {
		m["one"] = 1 // want `m is nil here .* and m\["one"\] dereferences it`
	}
	if s == nil {
		s[0]++ // want `s is nil here`
	}
}

// Quiet: reading a nil map is fine.
func Read(m map[string]int) int {
	if m == nil {
		return m["one"]
	}
	return 0
}

// A method call on a nil interface written as a literal type.
func Literal(x interface{ Close() error }) error {
	if x != nil {
		return nil
	}
	return x.Close() // want `x is nil here .* and x.Close\(\) dereferences it`
}
