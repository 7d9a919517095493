package nodestatus

import "time"

// Lifecycle marks nodes that stopped reporting.
type Lifecycle struct {
	nodes   NodeLister
	updates chan *Node
}

// NewLifecycle registers for node events.
func NewLifecycle(nodes NodeLister, informer Informer) *Lifecycle {
	l := &Lifecycle{nodes: nodes, updates: make(chan *Node, 16)}
	informer.AddEventHandler(ResourceEventHandlerFuncs{
		UpdateFunc: func(oldObj, newObj interface{}) {
			node := newObj.(*Node)
			if !node.Status.Ready {
				node.Labels["unready"] = "true" // want `node\.Labels is written in place, but node comes from newObj, the object the informer passes to UpdateFunc`
			}
			l.updates <- node
		},
	})
	return l
}

// markUnreachable taints the cached node.
func (l *Lifecycle) markUnreachable(name string) error {
	node, err := l.nodes.Get(name)
	if err != nil {
		return err
	}
	node.Spec.Taints = append(node.Spec.Taints, Taint{Key: "unreachable", Effect: "NoExecute"}) // want `node\.Spec\.Taints is written in place, but node comes from l\.nodes\.Get`
	node.Status.Ready = false // want `node\.Status\.Ready is written in place`
	l.updates <- node
	return nil
}

// markUnreachableCopy taints a copy.
func (l *Lifecycle) markUnreachableCopy(name string) error {
	cached, err := l.nodes.Get(name)
	if err != nil {
		return err
	}
	node := cached.DeepCopy()
	node.Spec.Taints = append(node.Spec.Taints, Taint{Key: "unreachable", Effect: "NoExecute"})
	node.Status.Since = time.Now().Unix()
	l.updates <- node
	return nil
}

// stampAll records a heartbeat annotation on every cached node, through a helper.
func (l *Lifecycle) stampAll() error {
	nodes, err := l.nodes.List()
	if err != nil {
		return err
	}
	now := time.Now().Format(time.RFC3339)
	for _, node := range nodes {
		stamp(node, now)
	}
	return nil
}

func stamp(n *Node, at string) {
	n.Annotations["heartbeat"] = at // want `n\.Annotations is written in place, but stampAll passes node to stamp \(line 59\) and node comes from l\.nodes\.List \(line 53\)`
}

// readyCount only reads.
func (l *Lifecycle) readyCount() int {
	nodes, err := l.nodes.List()
	if err != nil {
		return 0
	}
	count := 0
	for _, node := range nodes {
		if node.Status.Ready {
			count++
		}
	}
	return count
}
