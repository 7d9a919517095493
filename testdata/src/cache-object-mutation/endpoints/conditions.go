package endpoints

import (
	v1 "k8s.io/api/core/v1"
	podutil "k8s.io/kubernetes/pkg/api/v1/pod"
)

// markNotReady flips the cached pod's Ready condition through a pointer into its status.
func (c *Controller) markNotReady(namespace, name string) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	_, condition := podutil.GetPodCondition(&pod.Status, v1.PodReady)
	if condition != nil {
		condition.Status = v1.ConditionFalse // want `condition\.Status is written in place, but condition is podutil\.GetPodCondition\(&pod\.Status, v1\.PodReady\) and pod comes from c\.podLister\.Pods\(namespace\)\.Get`
	}
	return nil
}

// readyCondition finds the Ready condition in the status it is given.
func readyCondition(status *v1.PodStatus) *v1.PodCondition {
	for i := range status.Conditions {
		if status.Conditions[i].Type == v1.PodReady {
			return &status.Conditions[i]
		}
	}
	return nil
}

// markNotReadyLocal does the same through a same-package helper.
func (c *Controller) markNotReadyLocal(namespace, name string) {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return
	}
	if condition := readyCondition(&pod.Status); condition != nil {
		condition.Reason = "Unreachable" // want `condition\.Reason is written in place, but condition is readyCondition\(&pod\.Status\) and pod comes from c\.podLister\.Pods\(namespace\)\.Get`
	}
}

// readyOfCopy reads the condition of a deep copy and changes it.
func (c *Controller) readyOfCopy(namespace, name string) *v1.Pod {
	cached, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return nil
	}
	pod := cached.DeepCopy()
	if condition := readyCondition(&pod.Status); condition != nil {
		condition.Reason = "Unreachable"
	}
	return pod
}
