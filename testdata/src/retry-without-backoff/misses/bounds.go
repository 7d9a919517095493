package misses

import (
	"net"
	"os/exec"
)

// flushRetrying checks its bound after the attempt, on a counter the post statement steps: with
// retries = 5 that is six attempts, not five.
func flushRetrying(target string) error {
	const retries = 5
	for i := 0; ; i++ { // want `retry loop makes up to 6 attempts at exec\.Command\(\.\.\.\)\.CombinedOutput`
		_, err := exec.Command("flush", target).CombinedOutput()
		if err == nil {
			return nil
		}
		if i >= retries {
			return err
		}
	}
}

// dialLiteral names its connection like the network in the string literal: a literal is no variable,
// so the call does not depend on the name it assigns.
func dialLiteral(addr string) net.Conn {
	for { // want `retry loop calls net\.Dial again as soon as it fails`
		tcp, err := net.Dial("tcp", addr)
		if err == nil {
			return tcp
		}
	}
}

// sendTwice tries once more at once, for a connection that went stale: one second try is no hot
// loop. Quiet.
func sendTwice(send func() error) error {
	var err error
	for i := 0; i < 2; i++ {
		if err = send(); err == nil {
			return nil
		}
	}
	return err
}

// removeSeen retries a vanished entry once per path, and gives up on a path it has seen. Quiet.
func removeSeen(remove func() (string, error), missing func(error) bool) error {
	seen := map[string]bool{}
	for {
		path, err := remove()
		if err == nil {
			return nil
		}
		if !missing(err) {
			return err
		}
		if seen[path] {
			return err
		}
		seen[path] = true
	}
}
