package basic

// Client is this package's own type; it is not net/http's Client.
type Client struct {
	Timeout int
}

// Get pretends to fetch.
func (c *Client) Get(url string) error { return nil }

// Quiet: a local type named Client.
func localClient() error {
	c := &Client{}
	return c.Get("http://example.com")
}

// Quiet: new of the local Client type and a var of it.
func localNew() error {
	c := new(Client)
	var d Client
	_ = d.Get("x")
	return c.Get("y")
}
