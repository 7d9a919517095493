package loops

import (
	"testing"
)

// TestExpectsFailures repeats a scenario that must fail; success is the test failing. Quiet.
func TestExpectsFailures(t *testing.T) {
	send := func() error { return errTimeout }
	for i := 0; i < 5; i++ {
		err := send()
		if err == nil {
			t.Errorf("unexpected success on run %d", i)
			break
		}
	}
}

// BenchmarkSend runs the body b.N times on purpose. Quiet.
func BenchmarkSend(b *testing.B) {
	send := func() error { return nil }
	for i := 0; i < b.N; i++ {
		if err := send(); err == nil {
			continue
		}
		break
	}
}
