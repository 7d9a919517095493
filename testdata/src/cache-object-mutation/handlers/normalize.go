package handlers

import (
	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/tools/cache"
)

// Normalizer registers a handler that hands the event object to a helper.
type Normalizer struct {
	names []string
}

// Register installs the handler.
func (n *Normalizer) Register(informer cache.SharedIndexInformer) {
	informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		UpdateFunc: func(old, cur interface{}) {
			n.normalize(cur)
		},
		AddFunc: func(obj interface{}) {
			n.remember(obj)
		},
	})
}

// normalize names the ports of whatever service it is given.
func (n *Normalizer) normalize(obj interface{}) {
	svc, ok := obj.(*v1.Service)
	if !ok {
		return
	}
	for i := range svc.Spec.Ports {
		if svc.Spec.Ports[i].Name == "" {
			svc.Spec.Ports[i].Name = "port" // want `svc\.Spec\.Ports\[i\]\.Name is written in place, but a func literal in Register passes cur to n\.normalize \(line 17\) and cur is the object the informer passes to UpdateFunc \(line 16\)`
		}
	}
}

// remember only reads.
func (n *Normalizer) remember(obj interface{}) {
	if svc, ok := obj.(*v1.Service); ok {
		n.names = append(n.names, svc.Name)
	}
}
