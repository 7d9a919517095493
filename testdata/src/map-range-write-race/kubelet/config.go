// Package kubelet reproduces the pod-annotation crash: the config merge
// writes a pod's annotations under the store's lock while the push
// goroutine ranges them without it.
package kubelet

import (
	"fmt"
	"sync"
)

// Pod is the object whose annotations are shared.
type Pod struct {
	Name        string
	Annotations map[string]string
}

// podStore merges updates into the pods it holds.
type podStore struct {
	mu      sync.Mutex
	pods    map[string]*Pod
	updates chan string
}

// Merge writes one annotation under the store's lock.
func (s *podStore) Merge(name, key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pod := s.pods[name]
	pod.Annotations[key] = value
	s.updates <- name
}

// Run starts the push loop.
func (s *podStore) Run() {
	go s.push()
}

// push hands each updated pod to the sink; it ranges the annotations without the lock: positive.
func (s *podStore) push() {
	for name := range s.updates {
		pod := s.pods[name]
		for k, v := range pod.Annotations { // want "pod.Annotations is ranged in push without s.mu while Merge writes it under s.mu"
			fmt.Println(name, k, v)
		}
	}
}

// pushSafe copies the annotations under the lock first: negative.
func (s *podStore) pushSafe(name string) map[string]string {
	s.mu.Lock()
	pod := s.pods[name]
	copied := make(map[string]string, len(pod.Annotations))
	for k, v := range pod.Annotations {
		copied[k] = v
	}
	s.mu.Unlock()
	return copied
}
