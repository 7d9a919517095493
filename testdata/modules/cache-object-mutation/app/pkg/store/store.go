// Package store wraps the pod lister for the controllers of this module.
package store

import (
	v1 "k8s.io/api/core/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
)

type Store struct {
	pods corelisters.PodLister
}

// Pod returns the cached pod.
func (s *Store) Pod(namespace, name string) (*v1.Pod, error) {
	return s.pods.Pods(namespace).Get(name)
}

// OwnPod returns a copy of the cached pod that the caller may change.
func (s *Store) OwnPod(namespace, name string) (*v1.Pod, error) {
	pod, err := s.pods.Pods(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	return pod.DeepCopy(), nil
}
