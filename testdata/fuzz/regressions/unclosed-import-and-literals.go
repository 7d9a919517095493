package p

import (
	"net/http"

func f() {
	c := &http.Client{Timeout: }
	c.Get(
	srv := http.Server{ReadTimeout: 
	}.ListenAndServe()
	var mu sync.Mutex; mu.Lock(); defer mu.
}
