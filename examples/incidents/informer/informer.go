// Package informer reproduces a controller crash: "fatal error: concurrent
// map iteration and map write" on a pod's labels, because a sync function
// wrote a label straight into the object its lister handed out. Listers
// return the informer cache's own objects, which every other controller and
// event handler in the process reads too.
package informer

import "errors"

// ErrNotFound is returned by listers for unknown names.
var ErrNotFound = errors.New("not found")

// ObjectMeta is the metadata of every object.
type ObjectMeta struct {
	Namespace string
	Name      string
	Labels    map[string]string
}

// Pod is a pod as the informer caches it.
type Pod struct {
	ObjectMeta
	NodeName string
}

// DeepCopy returns a copy that shares no maps with p.
func (p *Pod) DeepCopy() *Pod {
	if p == nil {
		return nil
	}
	out := *p
	out.Labels = make(map[string]string, len(p.Labels))
	for key, value := range p.Labels {
		out.Labels[key] = value
	}
	return &out
}

// PodLister reads pods from the shared informer cache.
type PodLister interface {
	Get(namespace, name string) (*Pod, error)
}

// Client sends updates to the API server.
type Client interface {
	UpdatePod(pod *Pod) error
}

// Labeller copies the zone of each pod's node onto the pod.
type Labeller struct {
	pods   PodLister
	client Client
	zones  map[string]string
}

// SyncPod reproduces incident 6 (cache-object-mutation): it writes the zone
// label into the cached pod, racing with every reader of the cache.
func (l *Labeller) SyncPod(namespace, name string) error {
	pod, err := l.pods.Get(namespace, name)
	if err != nil {
		return err
	}
	zone := l.zones[pod.NodeName]
	if pod.Labels["zone"] == zone {
		return nil
	}
	pod.Labels["zone"] = zone
	return l.client.UpdatePod(pod)
}

// SyncPodSafe is the fix: it changes a deep copy, which the caller owns.
func (l *Labeller) SyncPodSafe(namespace, name string) error {
	cached, err := l.pods.Get(namespace, name)
	if err != nil {
		return err
	}
	zone := l.zones[cached.NodeName]
	if cached.Labels["zone"] == zone {
		return nil
	}
	pod := cached.DeepCopy()
	pod.Labels["zone"] = zone
	return l.client.UpdatePod(pod)
}
