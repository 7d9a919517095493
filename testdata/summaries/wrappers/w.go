package wrappers

import (
	"fmt"
	"log"
	"os"

	"k8s.io/klog/v2"
)

func die(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}

func fatalf(format string, args ...interface{}) {
	die(fmt.Sprintf(format, args...))
}

type checker struct{}

func (c *checker) mustNot(err error) {
	if err != nil {
		fatalf("failed: %v", err)
	}
}

func (c *checker) abort(err error) {
	fatalf("abort: %v", err)
}

func logFatal() { log.Fatalf("x") }

func klogExit() { klog.Exitf("x") }

func viaMethod(c *checker) { c.abort(nil) }

func panics() { panic("x") }

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

func spins() {
	for {
		plain("x")
	}
}

func callsSpins() { spins() }
