// Package podutil holds pod helpers the controllers of this module share.
package podutil

import (
	v1 "k8s.io/api/core/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
)

// SetLabel sets a label on the pod it is given.
func SetLabel(pod *v1.Pod, key, value string) {
	if pod.Labels == nil {
		pod.Labels = map[string]string{}
	}
	pod.Labels[key] = value
}

// MarkTerminating changes the pod's phase.
func MarkTerminating(pod *v1.Pod) {
	pod.Status.Phase = "Terminating"
}

// WithLabel returns a copy of the pod with one more label.
func WithLabel(pod *v1.Pod, key, value string) *v1.Pod {
	out := pod.DeepCopy()
	if out.Labels == nil {
		out.Labels = map[string]string{}
	}
	out.Labels[key] = value
	return out
}

// SetDefaults returns a copy of the pod with its defaults filled in.
func SetDefaults(pod *v1.Pod) *v1.Pod {
	out := pod.DeepCopy()
	if out.Spec.NodeName == "" {
		out.Spec.NodeName = "default"
	}
	return out
}

// Describe reads the pod.
func Describe(pod *v1.Pod) string {
	return pod.Namespace + "/" + pod.Name
}

// PodsIn lists the pods of a namespace from the lister it is given.
func PodsIn(lister corelisters.PodLister, namespace string) ([]*v1.Pod, error) {
	return lister.Pods(namespace).List()
}
