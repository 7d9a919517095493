// Package v1 is a stand-in for the fixture, vendored GOPATH-style.
package v1

type Node struct {
	Name        string
	Annotations map[string]string
}
