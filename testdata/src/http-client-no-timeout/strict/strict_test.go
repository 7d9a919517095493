package strict

import (
	"net/http"
	"testing"
)

// With ignoreTests off, test files are checked too.
func TestGet(t *testing.T) {
	if _, err := http.Get("http://127.0.0.1:1"); err == nil { // want `http.Get uses http.DefaultClient`
		t.Fatal("expected an error")
	}
}
