// Package network is a back end whose type never leaves the package: callers get an interface.
package network

import (
	"sync"

	"example.com/handedover/internal/netutil"
)

// Interface is what callers get.
type Interface interface {
	Create() string
	Remove(name string)
	Size() int
}

type network struct {
	lock     sync.Mutex
	networks map[string]bool
}

// New returns the back end.
func New() Interface {
	return &network{networks: map[string]bool{}}
}

// Create names a network under the lock; netutil.FreeName ranges the map through ForEach, here.
func (n *network) Create() string {
	n.lock.Lock()
	defer n.lock.Unlock()
	name := netutil.FreeName(n)
	n.networks[name] = true
	return name
}

// Remove deletes a network under the lock.
func (n *network) Remove(name string) {
	n.lock.Lock()
	defer n.lock.Unlock()
	delete(n.networks, name)
}

// Size counts without the lock: netutil.Count ranges the map through ForEach while Create writes it.
func (n *network) Size() int {
	return netutil.Count(n)
}

// ForEach is only called back by netutil, with whatever lock its caller here holds.
func (n *network) ForEach(run func(name string)) {
	for name := range n.networks { // want `n\.networks is ranged in ForEach without n\.lock while Create writes it under n\.lock .*hold n\.lock where Size calls ForEach`
		run(name)
	}
}
