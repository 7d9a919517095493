package ginkgo

import (
	"errors"
	"testing"

	. "github.com/onsi/ginkgo/v2"
)

type Network interface{ Name() string }

type bridge struct{}

func (bridge) Name() string { return "bridge" }

func open(dir string) (Network, error) {
	if dir == "" {
		return nil, errors.New("no dir")
	}
	return bridge{}, nil
}

var dir = "/run"

// Quiet: Ginkgo's Fail panics, so the dereference after it is not reached with a nil value.
var _ = Describe("network", func() {
	It("opens", func() {
		n, err := open(dir)
		if err != nil {
			Fail("cannot open")
		}
		_ = n.(bridge)
	})
})

// testing's t.Fail only marks the test as failed: the use after it still runs.
func TestFail(t *testing.T) {
	n, _ := open(dir)
	if n == nil {
		t.Fail()
	}
	_ = n.Name() // want `n may be nil here`
}
