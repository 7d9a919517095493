package nevernil

import "testing"

// Quiet: t.Skip, t.Fatal and b.Fatal stop the test.
func TestStops(t *testing.T) {
	var a, b *Node = lookup("a"), lookup("b")
	if a == nil {
		t.Skip("no a")
	}
	if b == nil {
		t.SkipNow()
	}
	if a.Name != b.Name {
		t.Errorf("names differ")
	}
}

func BenchmarkStops(b *testing.B) {
	n := lookup("n")
	if n == nil {
		b.Fatal("no n")
	}
	_ = n.Name
}

func lookup(name string) *Node {
	if name == "" {
		return nil
	}
	return &Node{Name: name}
}
