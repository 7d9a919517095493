package podcontroller

import (
	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/tools/cache"
)

// getPod reads the lister; its result is the cache's object.
func (c *Controller) getPod(key string) (*v1.Pod, error) {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil, err
	}
	return c.podLister.Pods(namespace).Get(name)
}

// getPodCopy reads the lister and returns a copy the caller owns.
func (c *Controller) getPodCopy(key string) (*v1.Pod, error) {
	pod, err := c.getPod(key)
	if err != nil {
		return nil, err
	}
	return pod.DeepCopy(), nil
}

// setReady appends a condition to the pod it is given.
func setReady(pod *v1.Pod) {
	pod.Status.Conditions = append(pod.Status.Conditions, v1.PodCondition{Type: v1.PodReady, Status: v1.ConditionTrue}) // want `pod\.Status\.Conditions is written in place, but markReady passes pod to setReady \(line 47\) and pod comes from c\.getPod \(line 43\), which returns an object of the shared informer cache \(c\.podLister\.Pods\(namespace\)\.Get\)`
}

// addLabel writes the map it is given.
func addLabel(into map[string]string, key, value string) {
	into[key] = value // want `into is written in place, but labelViaHelper passes pod\.Labels to addLabel \(line 67\) and pod comes from c\.getPod`
}

// setPhase writes a field through the status pointer it is given.
func setPhase(status *v1.PodStatus, phase v1.PodPhase) {
	status.Phase = phase // want `status\.Phase is written in place, but phaseViaHelper passes &pod\.Status to setPhase \(line 77\) and pod comes from c\.getPod`
}

// markReady gets the pod through a helper and writes it through another.
func (c *Controller) markReady(key string) error {
	pod, err := c.getPod(key)
	if err != nil {
		return err
	}
	setReady(pod)
	return nil
}

// markReadyCopy gets its own copy from a helper.
func (c *Controller) markReadyCopy(key string) error {
	pod, err := c.getPodCopy(key)
	if err != nil {
		return err
	}
	setReady(pod)
	return nil
}

// labelViaHelper hands the cached label map to a writer.
func (c *Controller) labelViaHelper(key string) error {
	pod, err := c.getPod(key)
	if err != nil {
		return err
	}
	addLabel(pod.Labels, "owner", "me")
	return nil
}

// phaseViaHelper writes the cached status through a pointer to it.
func (c *Controller) phaseViaHelper(key string) error {
	pod, err := c.getPod(key)
	if err != nil {
		return err
	}
	setPhase(&pod.Status, v1.PodSucceeded)
	return nil
}

// phaseOfLocalCopy writes a local copy of the status through the same helper.
func (c *Controller) phaseOfLocalCopy(key string) (v1.PodPhase, error) {
	pod, err := c.getPod(key)
	if err != nil {
		return "", err
	}
	status := pod.Status
	setPhase(&status, v1.PodSucceeded)
	return status.Phase, nil
}
