package samefield

import (
	"sync"
	"time"
)

// Cluster holds nodes; c.mu guards the slice and the map of nodes, not each node's peers.
type Cluster struct {
	mu     sync.Mutex
	nodes  []*node
	byName map[string]*node
}

// Gossip adds peers to every node from a goroutine, under each node's lock.
func (c *Cluster) Gossip(from <-chan string) {
	go func() {
		for p := range from {
			for _, n := range c.snapshot() {
				n.addPeer(p)
			}
			time.Sleep(time.Millisecond)
		}
	}()
}

func (c *Cluster) snapshot() []*node {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*node(nil), c.nodes...)
}

func (c *Cluster) leader() *node {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nodes[0]
}

// Fanout ranges each node's peers under c.mu only: c.mu does not guard node.peers. Positive.
func (c *Cluster) Fanout() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	total := 0
	for _, n := range c.nodes {
		for range n.peers { // want "n.peers is ranged in Fanout under c.mu but not n.mu while addPeer writes it under n.mu"
			total++
		}
	}
	return total
}

// First ranges a slice element's peers without its lock: positive.
func (c *Cluster) First() []string {
	n := c.nodes[0]
	var out []string
	for p := range n.peers { // want "n.peers is ranged in First without n.mu while addPeer writes it under n.mu"
		out = append(out, p)
	}
	return out
}

// Named ranges a map value's peers without its lock: positive.
func (c *Cluster) Named(name string) int {
	c.mu.Lock()
	n := c.byName[name]
	c.mu.Unlock()
	k := 0
	for range n.peers { // want "n.peers is ranged in Named without n.mu while addPeer writes it under n.mu"
		k++
	}
	return k
}

// LeaderPeers ranges a function result's peers without its lock: positive.
func (c *Cluster) LeaderPeers() int {
	k := 0
	for range c.leader().peers { // want "c.leader\\(\\).peers is ranged in LeaderPeers without c.leader\\(\\).mu while addPeer writes it under n.mu"
		k++
	}
	return k
}

// SafeFanout copies the slice under c.mu, then takes each node's lock: negative.
func (c *Cluster) SafeFanout() int {
	total := 0
	for _, n := range c.snapshot() {
		n.mu.Lock()
		for range n.peers {
			total++
		}
		n.mu.Unlock()
	}
	return total
}

// SafeFirst goes through the node's locked accessor: negative.
func (c *Cluster) SafeFirst() []string {
	return c.nodes[0].peerList()
}

// SafeNamed takes the map value's own lock: negative.
func (c *Cluster) SafeNamed(name string) int {
	c.mu.Lock()
	n := c.byName[name]
	c.mu.Unlock()
	n.mu.Lock()
	defer n.mu.Unlock()
	k := 0
	for range n.peers {
		k++
	}
	return k
}

// SafeLeader takes the result's own lock: negative.
func (c *Cluster) SafeLeader() int {
	l := c.leader()
	l.mu.Lock()
	defer l.mu.Unlock()
	k := 0
	for range l.peers {
		k++
	}
	return k
}
