//gocop:file-ignore http-server-no-timeout the listener sits behind a proxy that enforces timeouts

package basic

import "net/http"

// want +1 `//gocop:file-ignore nil-deref-after-check needs a reason after the rule ids`
//gocop:file-ignore nil-deref-after-check

// Serve is fine: several ids, golangci-lint forms, prose and strings are all left alone.
func Serve(c *Cache, addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		//gocop:ignore nil-deref-after-check,map-range-write-race the cache is read-only once serving starts
		_, _ = w.Write(c.Get(r.URL.Path))
	})
	_ = c.Peek("warm") //nolint:gocop // warmed at start-up
	_ = c.Peek("cold") //nolint:errcheck,nil-deref-after-check
	_ = c.Peek("any")  //nolint
	// Use //gocop:ignore sparingly; this sentence is prose, not a directive.
	_ = "//gocop:ignore inside a string is not a comment"
	return http.ListenAndServe(addr, mux) //nolint:gosec // G114 is handled upstream
}
