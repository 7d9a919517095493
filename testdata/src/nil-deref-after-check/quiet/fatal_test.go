package quiet

import "testing"

// t.Fatal stops the test.
func TestFatal(t *testing.T) {
	it := newItem("x")
	if it == nil {
		t.Fatal("nil item")
	}
	if it.Name != "x" {
		t.Errorf("got %s", it.Name)
	}
}

// t.Fatalf with the value formatted: a nil it is printed, not dereferenced.
func TestFatalf(t *testing.T) {
	it := newItem("y")
	if it == nil {
		t.Fatalf("got %v", it)
	}
	if it.Next != nil {
		t.Errorf("unexpected next %s", it.Next.Name)
	}
}
