package testcode

import "testing"

func TestLookupName(t *testing.T) {
	got := lookup("a")
	if got == nil {
		t.Errorf("lookup(a) = nil") // want `t.Errorf does not stop the test; got.Name on line 10 panics when got is nil — use t.Fatalf`
	}
	if got.Name != "a" {
		t.Errorf("name = %q", got.Name)
	}
}

func TestLookupError(t *testing.T) {
	got := lookup("b")
	if got == nil {
		t.Error("no record") // want `t.Error does not stop the test; got.Owner on line 20 panics when got is nil — use t.Fatal`
	}
	if got.Owner != nil {
		t.Error("unexpected owner")
	}
}

func TestFindContract(t *testing.T) {
	key := keys[0]
	rec, err := find(key)
	if err != nil {
		t.Errorf("find: %v", err) // want `t.Errorf does not stop the test; rec.Name on line 31 panics when err is not nil \(rec is nil then\) — use t.Fatalf`
	}
	_ = rec.Name
}

// Inside a subtest the *testing.T is the literal's parameter.
func TestSubtests(t *testing.T) {
	t.Run("x", func(t *testing.T) {
		got := lookup("x")
		if got == nil {
			t.Errorf("nil") // want `t.Errorf does not stop the test`
		}
		if got.Name != "x" || got.Owner != nil {
			t.Errorf("bad %v", got)
		}
	})
}

// The else branch of `got != nil` is the nil branch.
func TestElse(t *testing.T) {
	got := lookup("y")
	if got != nil {
		t.Logf("found %s", got.Name)
	} else {
		t.Errorf("not found") // want `use t.Fatalf`
	}
	_ = got.Name
}

// Quiet: Fatalf stops the test.
func TestFatalStops(t *testing.T) {
	got := lookup("z")
	if got == nil {
		t.Fatalf("lookup(z) = nil")
	}
	if got.Name != "z" {
		t.Errorf("name = %q", got.Name)
	}
}

// Quiet: the dereference is guarded by its own check.
func TestGuarded(t *testing.T) {
	got := lookup("w")
	if got == nil {
		t.Errorf("lookup(w) = nil")
	}
	if got != nil && got.Name != "w" {
		t.Errorf("name = %q", got.Name)
	}
}

var keys = []string{"c"}

// Quiet: the error comes from a fake whose Get never fails.
func TestFakeNeverFails(t *testing.T) {
	s := &store{records: map[string]*Record{"k": {Name: "k"}}}
	rec, err := s.Get("k")
	if err != nil {
		t.Errorf("get: %v", err)
	}
	_ = rec.Name
}

// Quiet: the branch returns after reporting.
func TestReturns(t *testing.T) {
	got := lookup("v")
	if got == nil {
		t.Errorf("lookup(v) = nil")
		return
	}
	_ = got.Name
}

// A dereference inside the nil branch itself is the ordinary finding, an error.
func TestInsideBranch(t *testing.T) {
	got := lookup("u")
	if got == nil {
		t.Errorf("lookup(u) = nil, name %s", got.Name) // want `got is nil here \(checked at line 105\)`
	}
}

// A failed type assertion reported with t.Errorf.
func TestAssertion(t *testing.T) {
	var v any = lookup("s")
	rec, ok := v.(*Record)
	if !ok {
		t.Errorf("not a record: %T", v) // want `t.Errorf does not stop the test; rec.Name on line 117 panics when the type assertion fails \(rec is nil then\) — use t.Fatalf`
	}
	_ = rec.Name
}
