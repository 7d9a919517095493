package negatives

import (
	"os"
	"testing"
)

// Test files are quiet by default: setup cost is not production cost.
func TestRead(t *testing.T) {
	for i := 0; i < 100; i++ {
		data, err := os.ReadFile("testdata/config.json")
		if err != nil || len(data) == i {
			t.Fatal(err)
		}
	}
}
