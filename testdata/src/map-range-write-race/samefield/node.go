// Package samefield covers one abstract map location, T.field, however the T is reached: the
// receiver, an element of a slice field, a range variable, a map value or a function result. Each
// access is checked against the lock that guards T.field elsewhere (n.mu here); holding some other
// lock, such as the caller's own c.mu, does not protect it.
package samefield

import "sync"

type node struct {
	name  string
	mu    sync.Mutex
	peers map[string]bool
}

func (n *node) addPeer(p string) {
	n.mu.Lock()
	n.peers[p] = true
	n.mu.Unlock()
}

func (n *node) dropPeer(p string) {
	n.mu.Lock()
	delete(n.peers, p)
	n.mu.Unlock()
}

// peerList ranges under n.mu: negative.
func (n *node) peerList() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []string
	for p := range n.peers {
		out = append(out, p)
	}
	return out
}

// probe builds a node nobody else can see and ranges it: negative.
func probe() int {
	n := &node{peers: map[string]bool{}}
	n.peers["self"] = true
	k := 0
	for range n.peers {
		k++
	}
	return k
}
