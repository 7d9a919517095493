package basic

import (
	"net/http"
	"net/url"
	"strings"
)

// The package-level helpers all use http.DefaultClient.
func helpers(u string) {
	_, _ = http.Get(u)                                        // want `http.Get uses http.DefaultClient, which has no timeout`
	_, _ = http.Head(u)                                       // want `http.Head uses http.DefaultClient`
	_, _ = http.Post(u, "text/plain", strings.NewReader("x")) // want `http.Post uses http.DefaultClient`
	_, _ = http.PostForm(u, url.Values{})                     // want `http.PostForm uses http.DefaultClient`
	_, _ = (http.Get)(u)                                      // want `http.Get uses http.DefaultClient`
	_, _ = http.
		Get(u) // want -1 `http.Get uses http.DefaultClient`
}

// DefaultClient's methods directly.
func defaultClient(req *http.Request, u string) {
	_, _ = http.DefaultClient.Do(req)                    // want `http.DefaultClient.Do uses http.DefaultClient`
	_, _ = http.DefaultClient.Get(u)                     // want `http.DefaultClient.Get uses`
	_, _ = http.DefaultClient.Head(u)                    // want `http.DefaultClient.Head uses`
	_, _ = http.DefaultClient.Post(u, "text/plain", nil) // want `http.DefaultClient.Post uses`
}

// Quiet: a local variable named http shadows the import.
type fakeHTTP struct{}

func (fakeHTTP) Get(string) error { return nil }

func shadowed(u string) error {
	http := fakeHTTP{}
	return http.Get(u)
}
