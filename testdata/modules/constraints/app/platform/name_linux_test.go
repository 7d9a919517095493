package platform

import "testing"

func TestName(t *testing.T) {
	if name() != "linux" {
		t.Fatal(name())
	}
}
