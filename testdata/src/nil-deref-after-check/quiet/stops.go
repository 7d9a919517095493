// Package quiet holds code the rule must accept.
package quiet

import (
	"fmt"
	"log"
	"os"
)

type Item struct {
	Name string
	Next *Item
}

// The nil branch returns.
func Return(it *Item) string {
	if it == nil {
		return ""
	}
	return it.Name
}

// The nil branch continues the loop.
func Continue(items map[string]*Item, keys []string) int {
	n := 0
	for _, k := range keys {
		it := items[k]
		if it == nil {
			log.Printf("missing %s", k)
			continue
		}
		n += len(it.Name)
	}
	return n
}

// The nil branch breaks out of the loop, and the loop's end is not a use.
func Break(items []*Item) int {
	n := 0
	for _, it := range items {
		if it == nil {
			break
		}
		n += len(it.Name)
	}
	return n
}

// The nil branch jumps with goto.
func Goto(it *Item) string {
	if it == nil {
		goto out
	}
	return it.Name
out:
	return "none"
}

// The nil branch panics.
func Panic(it *Item) string {
	if it == nil {
		panic("nil item")
	}
	return it.Name
}

// The nil branch exits the program.
func Exit(it *Item) string {
	if it == nil {
		fmt.Fprintln(os.Stderr, "nil item")
		os.Exit(1)
	}
	return it.Name
}

// The nil branch calls log.Fatal.
func Fatal(it *Item) string {
	if it == nil {
		log.Fatalf("nil item")
	}
	return it.Name
}

// The nil branch calls a same-package wrapper that never returns (declared in wrappers.go).
func Wrapper(it *Item) string {
	if it == nil {
		die("nil item %v", it)
	}
	return it.Name
}

// The nil branch calls another package's fatal helper, recognised by its name.
func ForeignFatal(it *Item, base interface{ Fatalf(string, ...any) }) string {
	if it == nil {
		base.Fatalf("nil item")
	}
	return it.Name
}
