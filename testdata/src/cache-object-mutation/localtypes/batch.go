package nodestatus

// markAllUnready sets a field on every node of the slice it is given.
func markAllUnready(nodes []*Node) {
	for _, node := range nodes {
		node.Status.Ready = false // want `node\.Status\.Ready is written in place, but sweep passes nodes to markAllUnready \(line 24\) and nodes comes from l\.nodes\.List \(line 20\).*deep-copy the elements of nodes in sweep first`
	}
}

// resetCopies changes value copies of the nodes.
func resetCopies(nodes []Node) []Node {
	for _, node := range nodes {
		node.Status.Ready = false
	}
	return nodes
}

// sweep hands the lister's nodes to a helper that writes them.
func (l *Lifecycle) sweep() error {
	nodes, err := l.nodes.List()
	if err != nil {
		return err
	}
	markAllUnready(nodes)
	return nil
}

// sweepCopies hands it deep copies.
func (l *Lifecycle) sweepCopies() ([]*Node, error) {
	nodes, err := l.nodes.List()
	if err != nil {
		return nil, err
	}
	copies := make([]*Node, 0, len(nodes))
	for _, node := range nodes {
		copies = append(copies, node.DeepCopy())
	}
	markAllUnready(copies)
	return copies, nil
}

// snapshot copies the structs out of the cached pointers and changes the copies.
func (l *Lifecycle) snapshot() ([]Node, error) {
	nodes, err := l.nodes.List()
	if err != nil {
		return nil, err
	}
	values := make([]Node, 0, len(nodes))
	for _, node := range nodes {
		values = append(values, *node)
	}
	return resetCopies(values), nil
}

// withHeartbeat returns a shallow copy whose annotations are its own before it writes them.
func withHeartbeat(n *Node, at string) *Node {
	out := *n
	out.Annotations = copyMap(n.Annotations)
	out.Annotations["heartbeat"] = at
	return &out
}

// withHeartbeatSometimes replaces the annotations on one path only.
func withHeartbeatSometimes(n *Node, at string, fresh bool) *Node {
	out := *n
	if fresh {
		out.Annotations = map[string]string{}
	}
	out.Annotations["heartbeat"] = at // want `out\.Annotations is written in place, but heartbeats passes node to withHeartbeatSometimes \(line 82\) and node comes from l\.nodes\.List`
	return &out
}

// heartbeats uses both on cached nodes.
func (l *Lifecycle) heartbeats(at string) []*Node {
	nodes, err := l.nodes.List()
	if err != nil {
		return nil
	}
	var out []*Node
	for _, node := range nodes {
		out = append(out, withHeartbeat(node, at))
		out = append(out, withHeartbeatSometimes(node, at, len(out) > 3))
	}
	return out
}
