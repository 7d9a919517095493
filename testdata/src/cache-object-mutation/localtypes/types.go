// Package nodestatus defines its own API types, lister and handler funcs (the self-contained shape
// of a reproduction with no client-go dependency).
package nodestatus

// ObjectMeta is the metadata every object carries.
type ObjectMeta struct {
	Name        string
	Labels      map[string]string
	Annotations map[string]string
}

// Node is a cluster node.
type Node struct {
	ObjectMeta
	Spec   NodeSpec
	Status NodeStatus
}

// NodeSpec is the desired state.
type NodeSpec struct {
	Taints []Taint
}

// Taint repels pods.
type Taint struct {
	Key    string
	Effect string
}

// NodeStatus is the observed state.
type NodeStatus struct {
	Ready bool
	Since int64
}

// DeepCopy returns a copy that shares nothing with n.
func (n *Node) DeepCopy() *Node {
	if n == nil {
		return nil
	}
	out := *n
	out.Labels = copyMap(n.Labels)
	out.Annotations = copyMap(n.Annotations)
	out.Spec.Taints = append([]Taint(nil), n.Spec.Taints...)
	return &out
}

func copyMap(in map[string]string) map[string]string {
	if in == nil {
		return nil
	}
	out := make(map[string]string, len(in))
	for key, value := range in {
		out[key] = value
	}
	return out
}

// NodeLister reads nodes from the shared informer cache.
type NodeLister interface {
	Get(name string) (*Node, error)
	List() ([]*Node, error)
}

// ResourceEventHandlerFuncs receives informer events.
type ResourceEventHandlerFuncs struct {
	AddFunc    func(obj interface{})
	UpdateFunc func(oldObj, newObj interface{})
	DeleteFunc func(obj interface{})
}

// Informer delivers events to handlers.
type Informer interface {
	AddEventHandler(handler ResourceEventHandlerFuncs)
}
