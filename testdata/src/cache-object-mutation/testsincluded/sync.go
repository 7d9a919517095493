// Package testsincluded runs with includeTests: its test file is reported too.
package testsincluded

import (
	corelisters "k8s.io/client-go/listers/core/v1"
)

type Controller struct {
	podLister corelisters.PodLister
}

// phase reads only.
func (c *Controller) phase(namespace, name string) string {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return ""
	}
	return string(pod.Status.Phase)
}
