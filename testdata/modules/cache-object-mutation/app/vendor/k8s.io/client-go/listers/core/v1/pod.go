// Package v1 is a stand-in for the fixture: the pod lister's interfaces.
package v1

import v1 "k8s.io/api/core/v1"

type PodLister interface {
	Pods(namespace string) PodNamespaceLister
}

type PodNamespaceLister interface {
	Get(name string) (*v1.Pod, error)
	List() ([]*v1.Pod, error)
}
