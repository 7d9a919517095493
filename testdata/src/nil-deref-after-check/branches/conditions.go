package branches

import "log"

type Expr struct {
	LHS, RHS *Expr
	Op       string
}

func (e *Expr) Pos() int {
	return len(e.Op)
}

// The field-path variant from go/parser-like code: e.RHS used inside `if e.RHS == nil`.
func CheckBinary(e *Expr) []string {
	var errs []string
	if e.RHS == nil {
		errs = append(errs, "missing right operand at", string(rune(e.RHS.Pos()))) // want `e.RHS is nil here .* and e.RHS.Pos\(\) dereferences it`
	}
	return errs
}

// The nil check is the first part of an && and the body requires it.
func VerboseMissing(e *Expr, verbose bool) string {
	if e.LHS == nil && verbose {
		return "missing " + e.LHS.Op // want `e.LHS is nil here`
	}
	return ""
}

// A tagless switch case that tests for nil.
func SwitchCase(e *Expr) string {
	switch {
	case e == nil:
		log.Printf("nil expression with op %s", e.Op) // want `e is nil here`
	case e.Op == "":
		return "empty"
	}
	return "ok"
}

// The dereference sits in the condition of the next if.
func ConditionUse(e *Expr) bool {
	if e.LHS == nil {
		log.Print("no lhs")
	}
	if e.LHS.Op == "+" { // want `e.LHS may be nil here`
		return true
	}
	return false
}

// In a loop: the nil branch logs and the same iteration goes on to use it.
func Walk(exprs map[string]*Expr, names []string) int {
	total := 0
	for _, name := range names {
		e := exprs[name]
		if e == nil {
			log.Printf("no expression %s", name)
		}
		total += len(e.Op) // want `e may be nil here`
	}
	return total
}

// A loop that stops on nil leaves the variable nil after it.
func Last(e *Expr) string {
	for e != nil {
		if e.Op == "end" {
			return e.Op
		}
		e = e.RHS
	}
	return e.Op // want `e is nil here`
}

// Dereferencing with the star operator.
func Value(p *int) int {
	if p == nil {
		log.Print("nil pointer")
		return *p // want `p is nil here .* and \*p dereferences it`
	}
	return *p
}

// Calling a func-typed field that was found nil.
type Hooks struct {
	OnDone func(string)
}

func Done(h *Hooks, name string) {
	if h.OnDone == nil {
		log.Printf("no hook for %s", name)
	}
	h.OnDone(name) // want `h.OnDone may be nil here .* and h.OnDone\(\) dereferences it`
}

// The body of `x == nil || ...` runs with x nil on one path, and formats a field of it.
func Invalid(e *Expr) string {
	if e == nil || e.Op == "" {
		log.Printf("invalid expression %s", e.Op) // want `e may be nil here`
		return ""
	}
	return e.Op
}

// The else of `x != nil && ...` runs with x nil on one path.
func ElseOfAnd(e *Expr) string {
	if e != nil && e.Op != "" {
		return e.Op
	} else {
		log.Printf("empty operator in %v", e.LHS) // want `e may be nil here`
	}
	return ""
}

// Past the body of `x == nil || ...` the fact is not used: quiet.
func PastCompound(e *Expr, strict bool) string {
	if e == nil || strict {
		log.Print("strict or nil")
	}
	return e.Op
}

// A `&&` before the checked name is not an address-of: the fact is still tracked.
func AfterAnd(a, b *Expr) string {
	if a != nil && b == nil {
		return "missing right of " + a.Op + b.Op // want `b is nil here`
	}
	return ""
}
