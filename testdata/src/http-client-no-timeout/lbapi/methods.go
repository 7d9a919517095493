package lbapi

import "net/http"

// Ensure sends a request through the stored client.
func (c *LBClient) Ensure(name string) error {
	req, err := http.NewRequest(http.MethodPut, c.baseURL+"/v1/lb/"+name, nil)
	if err != nil {
		return err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Ensure on the fixed twin uses the same field name on another type.
func (c *TimeoutLBClient) Ensure(req *http.Request) error {
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Ping uses the pool client.
func (p *PoolClient) Ping(url string) error {
	resp, err := p.http.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Fetch uses the configured client.
func (c *ConfiguredClient) Fetch(url string) error {
	resp, err := c.client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Fetch uses the late-configured client.
func (c *LateClient) Fetch(url string) error {
	resp, err := c.client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Transport only reads the unused holder's client.
func (u *UnusedHolder) Transport() http.RoundTripper {
	return u.base.Transport
}
