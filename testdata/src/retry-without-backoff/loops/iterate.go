package loops

import (
	"bufio"
	"errors"
	"io"
	"log"
	"math/rand"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// readAll reads until EOF: an error ends the loop, success goes on to the next chunk.
func readAll(r io.Reader, sink func([]byte)) error {
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			sink(buf[:n])
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// scanLines is a scanner loop.
func scanLines(r io.Reader) []string {
	var lines []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// serve accepts connections and skips failed accepts: a listener that keeps failing (out of file
// descriptors, closed) makes it spin, which is why net/http sleeps there.
func serve(l net.Listener, handle func(net.Conn)) {
	for { // want `accept loop calls l\.Accept again as soon as it fails, with no delay`
		conn, err := l.Accept()
		if err != nil {
			log.Printf("accept: %v", err)
			continue
		}
		go handle(conn)
	}
}

// processAll skips items that fail: an iteration, not a retry.
func processAll(items []string, process func(string) error) {
	for _, item := range items {
		if err := process(item); err != nil {
			log.Printf("%s: %v", item, err)
			continue
		}
	}
}

// firstReachable tries each address once, in turn.
func firstReachable(addrs []string) (net.Conn, error) {
	for i := 0; i < len(addrs); i++ {
		conn, err := net.Dial("tcp", addrs[i])
		if err != nil {
			continue
		}
		return conn, nil
	}
	return nil, errors.New("no address reachable")
}

// readRetryingEINTR retries an interrupted system call, which is correct without a delay.
func readRetryingEINTR(fd int, buf []byte) (int, error) {
	for {
		n, err := syscall.Read(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		return n, err
	}
}

// createTemp retries name collisions with a fresh random name each time.
func createTemp(dir string) (*os.File, error) {
	for i := 0; i < 100; i++ {
		name := filepath.Join(dir, "tmp"+strconv.Itoa(rand.Int()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if os.IsExist(err) {
			continue
		}
		return f, err
	}
	return nil, errors.New("no free name")
}

// findConfig walks up the directory tree: each pass looks somewhere else.
func findConfig(dir string) string {
	for {
		if _, err := os.Stat(filepath.Join(dir, "config.yaml")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// rootCause unwraps an error chain.
func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// writeFull writes the rest of the buffer after a short write.
func writeFull(w io.Writer, buf []byte) error {
	for len(buf) > 0 {
		n, err := w.Write(buf)
		if err != nil {
			return err
		}
		buf = buf[n:]
	}
	return nil
}

// drain empties a channel without blocking.
func drain(events chan error) int {
	count := 0
	for {
		select {
		case err := <-events:
			if err != nil {
				count++
			}
		default:
			return count
		}
	}
}

// consume handles messages and skips bad ones; it never leaves on success.
func consume(next func() (string, error), handle func(string)) {
	for {
		msg, err := next()
		if err != nil {
			log.Printf("bad message: %v", err)
			continue
		}
		handle(msg)
	}
}

// nextFreePort tries the following port after each failure.
func nextFreePort(start int) net.Listener {
	port := start
	for {
		l, err := net.Listen("tcp", ":"+strconv.Itoa(port))
		if err == nil {
			return l
		}
		port++
	}
}

// parseUntilValid is not a retry of the same operation: the input changes each pass.
func parseUntilValid(lines []string) int {
	for len(lines) > 0 {
		n, err := strconv.Atoi(lines[0])
		if err == nil {
			return n
		}
		lines = lines[1:]
	}
	return -1
}

// prepareUnique retries a name clash with a new unique key each time. Quiet.
func prepareUnique(prepare func(key string) error, uniqueSuffix func() string, exists func(error) bool) error {
	for {
		key := "extract-" + uniqueSuffix()
		err := prepare(key)
		if err != nil && exists(err) {
			continue
		}
		return err
	}
}
