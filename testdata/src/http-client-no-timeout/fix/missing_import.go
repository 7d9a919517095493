package fix

import "net/http"

// The fix adds the field and the time import.
func fetch(url string) error {
	client := &http.Client{} // want `http.Client has no Timeout`
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
