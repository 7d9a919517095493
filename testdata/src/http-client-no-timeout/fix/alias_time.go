package fix

import (
	"net"
	"net/http"
	stdtime "time"
)

// The fix uses the file's name for the time package.
func aliasedTime(url string) error {
	c := http.Client{Transport: http.DefaultTransport} // want `http.Client has no Timeout`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The fix turns net.Dial into net.DialTimeout.
func connectTo(addr string) (net.Conn, error) {
	return net.Dial("tcp", addr) // want `net.Dial has no timeout`
}

var _ = stdtime.Second
