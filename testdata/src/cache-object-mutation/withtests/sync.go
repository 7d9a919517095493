// Package withtests has a controller whose tests change objects from a fake lister.
package withtests

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
