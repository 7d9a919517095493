package loops

import (
	"bufio"
	"errors"
	"io"
	"log"
	"net"
	"os"
	"time"
)

var errTimeout = errors.New("i/o timeout")

// connect retries the handshake at once; the dial before it is part of each attempt.
func connect(addr string, handshake func(net.Conn) error) net.Conn {
	for { // want `retry loop calls handshake again as soon as it fails`
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			return nil
		}
		if err := handshake(conn); err != nil {
			conn.Close()
			continue
		}
		return conn
	}
}

// createUnlessExists treats "already exists" as done and retries anything else at once.
func createUnlessExists(create func() error, exists func(error) bool) {
	for { // want `retry loop calls create again as soon as it fails`
		err := create()
		if err == nil || exists(err) {
			return
		}
	}
}

// boundedInBody counts its attempts in the body.
func boundedInBody(send func() error) error {
	attempts := 0
	for { // want `makes up to 3 attempts at send`
		err := send()
		if err == nil {
			return nil
		}
		attempts++
		if attempts >= 3 {
			return err
		}
	}
}

// readSkippingTimeouts reads lines and skips timeouts; success moves on to the next line. Quiet.
func readSkippingTimeouts(r *bufio.Reader, handle func(string)) error {
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			return nil
		}
		if err != nil && err != errTimeout {
			return err
		}
		handle(line)
	}
}

// retryWithClosure waits through a local closure that sleeps. Quiet.
func retryWithClosure(send func() error) {
	delay := 10 * time.Millisecond
	calmDown := func() {
		time.Sleep(delay)
		delay *= 2
	}
	for {
		if err := send(); err == nil {
			return
		}
		calmDown()
	}
}

// growBuffer retries with a bigger buffer that the failed call asked for. Quiet.
func growBuffer(fill func(buf []byte, size *int) error) []byte {
	size := 64
	for {
		buf := make([]byte, size)
		err := fill(buf, &size)
		if err == nil {
			return buf
		}
		if size <= len(buf) {
			return nil
		}
	}
}

// retryOnlyEmptyReads ignores a specific sentinel and is otherwise a read loop. Quiet.
func retryOnlyEmptyReads(next func() (string, error)) []string {
	var out []string
	for {
		item, err := next()
		switch {
		case err == io.EOF:
			return out
		case err != nil:
			log.Printf("skipping: %v", err)
			continue
		}
		out = append(out, item)
	}
}

// getOK retries both failed requests and bad statuses at once.
func getOK(get func() (int, error)) int {
	for { // want `retry loop calls get again as soon as it fails`
		status, err := get()
		if err != nil {
			continue
		}
		if status != 200 {
			continue
		}
		return status
	}
}

// openWhenCreated waits for a file to appear by trying again at once.
func openWhenCreated(name string) (*os.File, error) {
	var f *os.File
	var err error
	for tries := 0; tries < 5; tries++ { // want `makes up to 5 attempts at os\.Open`
		f, err = os.Open(name)
		if !os.IsNotExist(err) {
			break
		}
	}
	return f, err
}
