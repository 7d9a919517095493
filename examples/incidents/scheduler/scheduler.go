// Package scheduler reproduces a scheduler plugin crash: a nil pointer
// dereference inside the very branch that proved the pointer nil.
package scheduler

import "fmt"

// Code is the result code of a plugin run.
type Code int

const (
	Success Code = iota
	Error
	Unschedulable
)

// Status is the outcome of running a plugin against a node.
type Status struct {
	code    Code
	reasons []string
}

// NewStatus builds a Status with the given code and reasons.
func NewStatus(code Code, reasons ...string) *Status {
	return &Status{code: code, reasons: reasons}
}

// Node is a cluster node as seen by the scheduler cache.
type Node struct {
	Name        string
	Allocatable int64
}

// Pod is the pod being scheduled.
type Pod struct {
	Name    string
	Request int64
}

// NodeInfo is the cached view of one node.
type NodeInfo struct {
	node      *Node
	requested int64
}

// Node returns the node, or nil if the cache entry has been emptied.
func (n *NodeInfo) Node() *Node { return n.node }

// Snapshot is a point-in-time copy of the scheduler cache.
type Snapshot struct {
	nodes map[string]*NodeInfo
}

// Get returns the cached node info for a name, or nil.
func (s *Snapshot) Get(name string) *NodeInfo { return s.nodes[name] }

// FitPlugin filters out nodes without enough allocatable capacity.
type FitPlugin struct {
	snapshot *Snapshot
}

// Filter reproduces incident 1 (nil-deref-after-check): when the node has
// been removed from the cache, the error message reads node.Name inside the
// branch that just established node == nil, and the scheduler panics.
func (pl *FitPlugin) Filter(pod *Pod, nodeName string) *Status {
	info := pl.snapshot.Get(nodeName)
	if info == nil {
		return NewStatus(Error, fmt.Sprintf("node info not found: %s", nodeName))
	}
	node := info.Node()
	if node == nil {
		return NewStatus(Error, fmt.Sprintf("node not found: %s", node.Name))
	}
	if info.requested+pod.Request > node.Allocatable {
		return NewStatus(Unschedulable, "insufficient capacity")
	}
	return NewStatus(Success)
}

// FilterSafe is the fixed twin: the message uses nodeName, the name the
// caller passed in, so nothing is dereferenced once node is known to be nil.
func (pl *FitPlugin) FilterSafe(pod *Pod, nodeName string) *Status {
	info := pl.snapshot.Get(nodeName)
	if info == nil {
		return NewStatus(Error, fmt.Sprintf("node info not found: %s", nodeName))
	}
	node := info.Node()
	if node == nil {
		return NewStatus(Error, fmt.Sprintf("node not found: %s", nodeName))
	}
	if info.requested+pod.Request > node.Allocatable {
		return NewStatus(Unschedulable, "insufficient capacity")
	}
	return NewStatus(Success)
}
