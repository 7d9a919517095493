// Package oneexpr holds a nil check and a dereference in the same expression: the operand after
// `x == nil &&` (or `x != nil ||`) runs only when x is nil.
package oneexpr

type Span struct {
	Start, End int
	Parent     *Span
}

func (s *Span) Len() int { return s.End - s.Start }

// IsZero is the classic typo for `s == nil || s.Len() == 0`.
func IsZero(s *Span) bool {
	return s == nil && s.Len() == 0 // want `s is nil here \(this operand runs only when s == nil at line 14 is true\) and s.Len\(\) dereferences it; guard it with s != nil && or s == nil \|\| instead`
}

func Positive(p *int) bool {
	return p != nil || *p > 0 // want `p is nil here \(this operand runs only when p != nil at line 18 is false\) and \*p dereferences it`
}

func Assigned(s *Span) int {
	empty := s == nil && s.End == 0 // want `s is nil here`
	if empty {
		return 0
	}
	return 1
}

func check(ok bool) {}

func Argument(s *Span) {
	check(s == nil && s.Start == 0) // want `s is nil here`
}

type Result struct{ Root bool }

func Literal(s *Span) Result {
	return Result{Root: s.Parent == nil && s.Parent.Start == 0} // want `s.Parent is nil here`
}

// Negated: `!(s != nil)` is a nil check too.
func Negated(s *Span) bool {
	return !(s != nil) && s.End > 0 // want `s is nil here`
}

// Deeper in the chain: the third operand runs only when the first two held.
func Chain(s *Span, strict bool) bool {
	return strict && s == nil && s.Start > 0 // want `s is nil here`
}

// In a condition the flow sees the same thing; the finding is reported once.
func Condition(s *Span) int {
	if s == nil && s.End > 0 { // want `s is nil here`
		return 1
	}
	return 0
}

// A single-line nil branch.
func SingleLine(s *Span) int {
	if s == nil { return s.End } // want `s is nil here`
	return s.Start
}

// Ternary-like switch arms.
func Arms(s *Span) int {
	switch {
	case s == nil:
		return s.Len() // want `s is nil here`
	case s.Parent == nil:
		return 0
	default:
		return s.Parent.Len()
	}
}

// Quiet: the right polarity.
func Guarded(s *Span) bool {
	return s != nil && s.Len() > 0
}

func GuardedOr(s *Span) bool {
	return s == nil || s.Len() == 0
}

func GuardedStar(p *int) bool {
	return p == nil || *p == 0
}

// Quiet: the dereference is in the left operand, before the check.
func Before(s *Span) bool {
	return s.End > 0 && s.Parent == nil
}

// Quiet: the operand re-checks the path.
func Rechecked(s *Span, t *Span) bool {
	return s == nil && (t == nil || t.Len() > 0)
}

// Quiet: a call between the check and the use may set the field.
func (s *Span) load() bool { s.Parent = &Span{}; return true }

func Loaded(s *Span) bool {
	return s.Parent == nil && s.load() && s.Parent.Len() >= 0
}

// Quiet: a method that guards its nil receiver.
type List struct{ items []int }

func (l *List) Size() int {
	if l == nil {
		return 0
	}
	return len(l.items)
}

func Empty(l *List) bool {
	return l == nil && l.Size() == 0
}

// Quiet: the second operand does not dereference, it only compares or passes the value.
func Same(a, b *Span) bool {
	return a == nil && b == a
}

// Quiet: a func literal in the operand runs later, if at all.
func Later(s *Span) func() int {
	var f func() int
	_ = s == nil && func() bool { f = func() int { return s.End }; return true }()
	return f
}
