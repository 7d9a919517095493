package quietloops

import (
	"errors"
	"os"
	"path/filepath"
)

var (
	errNotFound     = errors.New("bucket not found")
	errUnauthorized = errors.New("unauthorized")
)

// putCreating creates the missing bucket and tries again; any other error leaves the loop.
func putCreating(put func() error, createBucket func() error) error {
	for {
		err := put()
		if err == nil {
			return nil
		}
		if !errors.Is(err, errNotFound) {
			return err
		}
		if err := createBucket(); err != nil {
			return err
		}
	}
}

// writeMakingDir makes the missing parent directory, then writes again.
func writeMakingDir(name string, data []byte) error {
	for {
		err := os.WriteFile(name, data, 0o600)
		if err == nil {
			return nil
		}
		if !os.IsNotExist(err) {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
	}
}

// callRefreshing refreshes the token that the call reads and tries again.
func (c *Client) callRefreshing(do func(token string) error) error {
	for {
		err := do(c.token)
		if err == nil {
			return nil
		}
		if !errors.Is(err, errUnauthorized) {
			return err
		}
		token, rerr := c.refresh()
		if rerr != nil {
			return rerr
		}
		c.token = token
	}
}
