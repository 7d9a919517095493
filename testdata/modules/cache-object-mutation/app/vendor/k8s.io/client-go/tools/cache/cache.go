// Package cache is a stand-in for the fixture: informers and their event handlers.
package cache

type ResourceEventHandler interface {
	OnAdd(obj interface{}, isInInitialList bool)
	OnUpdate(oldObj, newObj interface{})
	OnDelete(obj interface{})
}

type ResourceEventHandlerFuncs struct {
	AddFunc    func(obj interface{})
	UpdateFunc func(oldObj, newObj interface{})
	DeleteFunc func(obj interface{})
}

type SharedIndexInformer interface {
	AddEventHandler(handler ResourceEventHandler)
}
