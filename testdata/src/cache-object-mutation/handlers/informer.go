// Package handlers holds informer event handlers: func literals in ResourceEventHandlerFuncs, method
// values registered there, and a ResourceEventHandler implementation.
package handlers

import (
	v1 "k8s.io/api/core/v1"
	coreinformers "k8s.io/client-go/informers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
)

// Tracker follows services and endpoints.
type Tracker struct {
	queue    workqueue.Interface
	counts   map[string]int
	lastSeen map[string]string
}

// Register installs the handlers.
func (t *Tracker) Register(services coreinformers.ServiceInformer, endpoints coreinformers.EndpointsInformer) {
	services.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			svc := obj.(*v1.Service)
			if svc.Annotations == nil {
				return
			}
			svc.Annotations["tracked"] = "true" // want `svc\.Annotations is written in place, but svc comes from obj, the object the informer passes to AddFunc \(line 22\), straight from its shared cache`
			t.queue.Add(svc.Name)
		},
		UpdateFunc: t.updateService,
		DeleteFunc: t.deleteService,
	})
	endpoints.Informer().AddEventHandler(cache.FilteringResourceEventHandler{
		FilterFunc: func(obj interface{}) bool {
			ep, ok := obj.(*v1.Endpoints)
			return ok && len(ep.Subsets) > 0
		},
		Handler: cache.ResourceEventHandlerFuncs{
			AddFunc: func(obj interface{}) {
				ep := obj.(*v1.Endpoints)
				copied := ep.DeepCopy()
				copied.Labels["seen"] = "true"
				t.queue.Add(copied.Name)
			},
		},
	})
}

// updateService is registered as a method value: both arguments are cached objects.
func (t *Tracker) updateService(old, cur interface{}) {
	oldService := old.(*v1.Service)
	newService := cur.(*v1.Service)
	if oldService.ResourceVersion == newService.ResourceVersion {
		return
	}
	newService.Spec.ExternalIPs = nil // want `newService\.Spec\.ExternalIPs is written in place, but newService comes from cur, the object the informer passes to UpdateFunc`
	t.counts[newService.Name]++
}

// deleteService unwraps the tombstone and writes the last known state.
func (t *Tracker) deleteService(obj interface{}) {
	svc, ok := obj.(*v1.Service)
	if !ok {
		tombstone, ok := obj.(cache.DeletedFinalStateUnknown)
		if !ok {
			return
		}
		svc, ok = tombstone.Obj.(*v1.Service)
		if !ok {
			return
		}
	}
	delete(svc.Labels, "tracked") // want `svc\.Labels is deleted from in place, but svc comes from obj, the object the informer passes to DeleteFunc`
	t.lastSeen[svc.Name] = svc.ResourceVersion
}
