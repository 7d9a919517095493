// Package v1 is a stand-in for the fixture, vendored GOPATH-style.
package v1

import v1 "k8s.io/api/core/v1"

type NodeLister interface {
	Get(name string) (*v1.Node, error)
}
