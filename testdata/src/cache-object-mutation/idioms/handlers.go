package idioms

import (
	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
)

// Enqueuer only turns events into keys.
type Enqueuer struct {
	queue    workqueue.RateLimitingInterface
	versions map[string]string
}

// Handlers returns the handler funcs.
func (e *Enqueuer) Handlers() cache.ResourceEventHandler {
	return cache.ResourceEventHandlerFuncs{
		AddFunc: e.add,
		UpdateFunc: func(old, cur interface{}) {
			oldPod, curPod := old.(*v1.Pod), cur.(*v1.Pod)
			if oldPod.ResourceVersion == curPod.ResourceVersion {
				return
			}
			e.versions[curPod.Name] = curPod.ResourceVersion
			e.add(cur)
		},
		DeleteFunc: func(obj interface{}) {
			if tombstone, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				obj = tombstone.Obj
			}
			pod, ok := obj.(*v1.Pod)
			if !ok {
				return
			}
			delete(e.versions, pod.Name)
			e.add(pod)
		},
	}
}

func (e *Enqueuer) add(obj interface{}) {
	key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj)
	if err != nil {
		return
	}
	e.queue.Add(key)
}
