// Package informerutil registers event handlers for the controllers of this module.
package informerutil

import "k8s.io/client-go/tools/cache"

// OnUpdate registers update as the informer's update handler.
func OnUpdate(informer cache.SharedIndexInformer, update func(oldObj, newObj interface{})) {
	informer.AddEventHandler(cache.ResourceEventHandlerFuncs{UpdateFunc: update})
}
