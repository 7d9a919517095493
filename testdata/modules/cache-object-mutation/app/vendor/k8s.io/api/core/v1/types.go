// Package v1 is a stand-in for the fixture: a Pod with the fields the controllers touch.
package v1

import metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

type PodPhase string

type Pod struct {
	metav1.ObjectMeta
	Spec   PodSpec
	Status PodStatus
}

type PodSpec struct {
	NodeName string
}

type PodStatus struct {
	Phase PodPhase
}

func (in *Pod) DeepCopy() *Pod {
	if in == nil {
		return nil
	}
	out := new(Pod)
	*out = *in
	return out
}
