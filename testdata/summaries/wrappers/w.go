package wrappers

import (
	"fmt"
	"log"
	"os"

	"k8s.io/klog/v2"
)

func die(msg string) { // want die:"neverReturns"
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}

func fatalf(format string, args ...interface{}) { // want fatalf:"neverReturns"
	die(fmt.Sprintf(format, args...))
}

type checker struct{}

func (c *checker) mustNot(err error) { // want checker.mustNot:"nilSafe"
	if err != nil {
		fatalf("failed: %v", err)
	}
}

func (c *checker) abort(err error) { // want checker.abort:"neverReturns nilSafe"
	fatalf("abort: %v", err)
}

func logFatal() { log.Fatalf("x") } // want logFatal:"neverReturns"

func klogExit() { klog.Exitf("x") } // want klogExit:"neverReturns"

func viaMethod(c *checker) { c.abort(nil) } // want viaMethod:"neverReturns"

func panics() { panic("x") } // want panics:"neverReturns"

func maybe(ok bool) {
	if ok {
		return
	}
	die("no")
}

func inLiteral() {
	go func() { os.Exit(1) }()
}

func plain(msg string) { fmt.Println(msg) }

func callsPlain() { plain("x") }

func countsToThree() {
	for i := 0; i < 3; i++ {
		plain("x")
	}
}

func spins() { // want spins:"neverReturns"
	for {
		plain("x")
	}
}

func callsSpins() { spins() } // want callsSpins:"neverReturns"
