package fix

import (
	"log"
	"net/http"
)

// The fix adds ReadHeaderTimeout and the time import.
func serve(mux http.Handler) {
	srv := &http.Server{ // want `http.Server has neither`
		Addr:    ":8080",
		Handler: mux,
	}
	log.Fatal(srv.ListenAndServe())
}
