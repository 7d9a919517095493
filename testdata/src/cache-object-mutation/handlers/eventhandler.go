package handlers

import (
	"fmt"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
)

// NodeWatcher implements cache.ResourceEventHandler.
type NodeWatcher struct {
	names chan string
}

// OnAdd stamps the cached node through a metadata accessor.
func (w *NodeWatcher) OnAdd(obj interface{}, isInInitialList bool) {
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return
	}
	annotations := accessor.GetAnnotations()
	annotations["watched"] = "true" // want `annotations is written in place, but annotations is accessor\.GetAnnotations\(\) and obj is the object the informer passes to OnAdd \(line 17\), straight from its shared cache; .*change a deep copy of obj \(DeepCopy or DeepCopyObject\) instead`
	w.names <- accessor.GetName()
}

// OnUpdate switches on the type and taints the cached node.
func (w *NodeWatcher) OnUpdate(oldObj, newObj interface{}) {
	switch node := newObj.(type) {
	case *v1.Node:
		node.Spec.Unschedulable = true // want `node\.Spec\.Unschedulable is written in place, but node comes from newObj, the object the informer passes to OnUpdate`
	case runtime.Object:
		w.names <- fmt.Sprint(node.GetObjectKind())
	}
}

// OnDelete reads the object and copies before changing it.
func (w *NodeWatcher) OnDelete(obj interface{}) {
	node, ok := obj.(*v1.Node)
	if !ok {
		return
	}
	node = node.DeepCopy()
	node.Labels["deleted"] = "true"
	w.names <- node.Name
}

// describe is no handler: its argument is whatever its callers pass.
func describe(obj interface{}) string {
	node, ok := obj.(*v1.Node)
	if !ok {
		return ""
	}
	node.Status.Phase = v1.NodeRunning
	return node.Name
}

// fromScratch builds its own node and labels it.
func fromScratch(name string) *v1.Node {
	node := &v1.Node{}
	node.Name = name
	node.Labels = map[string]string{"built": "here"}
	node.Labels["twice"] = "yes"
	return node
}
