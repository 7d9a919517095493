package misses

import (
	"context"
	"errors"
	"net"
	"os"
	"time"
)

// Dialer keeps state that the retry path writes but the attempt does not depend on.
type Dialer struct {
	addr     string
	errs     []error
	failures int
}

func (d *Dialer) dial() (net.Conn, error) { return net.Dial("tcp", d.addr) }

// dialRecording stores every error on the receiver: recording a failure is no repair.
func (d *Dialer) dialRecording() net.Conn {
	for { // want `retry loop calls d\.dial again as soon as it fails`
		conn, err := d.dial()
		if err == nil {
			return conn
		}
		d.errs = append(d.errs, err)
		d.failures++
	}
}

// putIgnoringRepair calls a "repair" whose result it ignores and retries on any error.
func putIgnoringRepair(put func() error, createBucket func() error) {
	for { // want `retry loop calls put again as soon as it fails`
		err := put()
		if err == nil {
			return
		}
		createBucket()
	}
}

// readConfig re-reads a file by path: os.ReadFile opens it anew, it consumes no stream.
func readConfig(path string) []byte {
	for { // want `retry loop calls os\.ReadFile again as soon as it fails`
		data, err := os.ReadFile(path)
		if err == nil {
			return data
		}
	}
}

// unusedDeadline sets a deadline that the attempt never sees.
func unusedDeadline(parent context.Context, call func() error) error {
	for { // want `retry loop calls call again as soon as it fails`
		_, cancel := context.WithTimeout(parent, 5*time.Second)
		err := call()
		cancel()
		if err == nil {
			return nil
		}
		if errors.Is(err, context.Canceled) {
			return err
		}
	}
}
