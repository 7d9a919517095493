// Package nevernil holds values that cannot be nil and calls that never return.
package nevernil

import (
	"fmt"
	"log"
	"os"
	"runtime"
	"syscall"
)

type Node struct {
	Name string
	Next *Node
}

// Quiet: new(T) is never nil, so the nil branch never runs.
func New() string {
	n := new(Node)
	if n == nil {
		log.Print("out of memory?")
	}
	return n.Name
}

// Quiet: &T{} and &x are never nil.
func Literal() string {
	n := &Node{Name: "a"}
	if n == nil {
		log.Print("impossible")
	}
	var local Node
	p := &local
	if p == nil {
		log.Print("impossible")
	}
	return n.Name + p.Name
}

// Quiet: assigned a non-nil value on every path before the check.
func EveryPath(first bool) string {
	var n *Node
	if first {
		n = &Node{Name: "first"}
	} else {
		n = new(Node)
	}
	if n == nil {
		log.Print("impossible")
	}
	return n.Name
}

// Quiet: make and composite literals of maps and slices.
func Made() int {
	m := make(map[string]*Node)
	if m == nil {
		log.Print("impossible")
	}
	s := []*Node{{Name: "x"}}
	if s == nil {
		log.Print("impossible")
	}
	return len(m) + len(s[0].Name)
}

// A value that is non-nil on only one path is still checked.
func OnePath(first bool, given *Node) string {
	n := given
	if first {
		n = &Node{}
	}
	if n == nil {
		log.Print("no node")
	}
	return n.Name // want `n may be nil here`
}

// Reassigned from something that may be nil after being made non-nil.
func Reassigned(given *Node) string {
	n := &Node{}
	n = given
	if n == nil {
		log.Print("no node")
	}
	return n.Name // want `n may be nil here`
}

// fail wraps os.Exit: a same-package wrapper of a call that never returns.
func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format, args...)
	os.Exit(1)
}

// failTwice wraps fail.
func failTwice(msg string) {
	fail("%s", msg)
}

// Quiet: every nil branch ends in a call that never returns.
func Stops(a, b, c, d, e, f *Node) string {
	if a == nil {
		os.Exit(2)
	}
	if b == nil {
		syscall.Exit(2)
	}
	if c == nil {
		log.Fatalf("no c")
	}
	if d == nil {
		runtime.Goexit()
	}
	if e == nil {
		fail("no e")
	}
	if f == nil {
		failTwice("no f")
	}
	return a.Name + b.Name + c.Name + d.Name + e.Name + f.Name
}

// Quiet: panic ends the path.
func Panics(n *Node) string {
	if n == nil {
		panic("nil node")
	}
	return n.Name
}

type klogLike struct{}

func (klogLike) Exitf(format string, args ...any) { os.Exit(255) }

var klog klogLike

// Quiet: klog.Exitf never returns.
func KlogExit(n *Node) string {
	if n == nil {
		klog.Exitf("no node")
	}
	return n.Name
}

// logOnly returns: a wrapper that does not stop does not end the path.
func logOnly(msg string) {
	log.Print(msg)
}

func LogOnly(n *Node) string {
	if n == nil {
		logOnly("no node")
	}
	return n.Name // want `n may be nil here`
}
