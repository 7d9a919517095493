// Package incident reproduces the scheduler crash: the message built inside
// the nil branch reads a field of the value it just proved nil.
package incident

import "fmt"

type Code int

const (
	Success Code = iota
	Error
)

type Status struct {
	code    Code
	reasons []string
}

func NewStatus(code Code, reasons ...string) *Status {
	return &Status{code: code, reasons: reasons}
}

type Node struct {
	Name        string
	Allocatable int64
}

type NodeInfo struct {
	node *Node
}

func (n *NodeInfo) Node() *Node { return n.node }

type Plugin struct {
	nodes map[string]*NodeInfo
}

// Filter is the incident: node.Name inside `if node == nil`.
func (pl *Plugin) Filter(nodeName string) *Status {
	info := pl.nodes[nodeName]
	if info == nil {
		return NewStatus(Error, fmt.Sprintf("node info not found: %s", nodeName))
	}
	node := info.Node()
	if node == nil {
		return NewStatus(Error, fmt.Sprintf("node not found: %s", node.Name)) // want `node is nil here \(checked at line 45\) and node.Name dereferences it`
	}
	return NewStatus(Success)
}

// FilterSafe is the fixed twin: the message uses the name passed in.
func (pl *Plugin) FilterSafe(nodeName string) *Status {
	info := pl.nodes[nodeName]
	if info == nil {
		return NewStatus(Error, fmt.Sprintf("node info not found: %s", nodeName))
	}
	node := info.Node()
	if node == nil {
		return NewStatus(Error, fmt.Sprintf("node not found: %s", nodeName))
	}
	if node.Allocatable == 0 {
		return NewStatus(Error, "no capacity")
	}
	return NewStatus(Success)
}
