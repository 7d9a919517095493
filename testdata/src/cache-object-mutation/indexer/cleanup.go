package indexer

import (
	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/tools/cache"
)

// podByKey reads the indexer through a helper.
func (s *Scaler) podByKey(key string) (*v1.Pod, bool) {
	obj, exists, err := s.podIndexer.GetByKey(key)
	if err != nil || !exists {
		return nil, false
	}
	pod, ok := obj.(*v1.Pod)
	return pod, ok
}

// dropFinalizers empties the finalizers of a pod found through the helper.
func (s *Scaler) dropFinalizers(key string) {
	pod, ok := s.podByKey(key)
	if !ok {
		return
	}
	pod.Finalizers = pod.Finalizers[:0] // want `pod\.Finalizers is written in place, but pod comes from s\.podByKey \(line 20\), which returns an object of the shared informer cache \(s\.podIndexer\.GetByKey\)`
}

// handleDeleted unwraps a tombstone and writes the deleted object's copy.
func handleDeleted(obj interface{}) *v1.Pod {
	tombstone, ok := obj.(cache.DeletedFinalStateUnknown)
	if !ok {
		return nil
	}
	pod, ok := tombstone.Obj.(*v1.Pod)
	if !ok {
		return nil
	}
	out := &v1.Pod{}
	pod.DeepCopyInto(out)
	out.Labels["deleted"] = "true"
	return out
}

// Tracker keeps its own bookkeeping in a store it creates; nothing else reads it.
type Tracker struct {
	pending cache.Store
}

// NewTracker builds the private store.
func NewTracker() *Tracker {
	return &Tracker{pending: cache.NewStore(cache.MetaNamespaceKeyFunc)}
}

type pendingCount struct {
	key   string
	count int
}

// observe updates the tracker's own entry in place.
func (t *Tracker) observe(key string) {
	item, exists, err := t.pending.GetByKey(key)
	if err != nil || !exists {
		return
	}
	entry := item.(*pendingCount)
	entry.count--
}
