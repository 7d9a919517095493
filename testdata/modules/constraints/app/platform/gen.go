//go:build ignore

package main

// A generator, run with go run gen.go: no build includes it.
func main() {}
