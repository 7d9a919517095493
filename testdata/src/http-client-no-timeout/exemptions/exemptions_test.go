package exemptions

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Quiet: test files talk to httptest servers.
func TestFetch(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	client := &http.Client{}
	if _, err := client.Get(srv.URL); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(srv.URL); err != nil {
		t.Fatal(err)
	}
}

// The only user of newProbeClient.
func TestProbe(t *testing.T) {
	if _, err := newProbeClient().Get("http://127.0.0.1:1"); err == nil {
		t.Fatal("expected an error")
	}
}
