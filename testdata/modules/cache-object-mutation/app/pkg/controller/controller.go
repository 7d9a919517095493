package controller

import (
	"example.com/app/pkg/informerutil"
	"example.com/app/pkg/podutil"
	"example.com/app/pkg/store"
	"example.com/kube/labels"
	v1 "k8s.io/api/core/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
)

type Controller struct {
	podLister corelisters.PodLister
	store     *store.Store
}

func (c *Controller) labelThroughHelper(namespace, name string) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	podutil.SetLabel(pod, "seen", "true") // want `podutil\.SetLabel changes pod in place \(pod\.Labels, podutil\.go:\d+ in package podutil\), but pod comes from c\.podLister\.Pods\(namespace\)\.Get`
	return nil
}

func (c *Controller) terminate(namespace, name string) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	podutil.MarkTerminating(pod) // want `podutil\.MarkTerminating changes pod in place \(pod\.Status\.Phase`
	return nil
}

func (c *Controller) labelThroughLibrary(namespace, name string) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	labels.Ensure(pod, "seen", "true") // want `labels\.Ensure changes pod in place \(labels, labels\.go:\d+ in package labels\)`
	return nil
}

func (c *Controller) labelFromStore(namespace, name string) error {
	pod, err := c.store.Pod(namespace, name)
	if err != nil {
		return err
	}
	pod.Labels["seen"] = "true" // want `pod\.Labels is written in place, but pod comes from c\.store\.Pod .*which returns an object of the shared informer cache \(s\.pods\.Pods\(namespace\)\.Get\)`
	return nil
}

// Helpers that copy first, or only read, and a store read that copies: nothing to report.
func (c *Controller) quiet(namespace, name string) (*v1.Pod, error) {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	labelled := podutil.WithLabel(pod, "seen", "true")
	defaulted := podutil.SetDefaults(pod)
	_ = labelled
	_ = podutil.Describe(pod)
	_ = labels.Has(pod, "seen")
	own, err := c.store.OwnPod(namespace, name)
	if err != nil {
		return nil, err
	}
	own.Labels["seen"] = "true"
	return defaulted, nil
}

func (c *Controller) register(informer cache.SharedIndexInformer) {
	informerutil.OnUpdate(informer, c.onPodUpdate)
}

func (c *Controller) onPodUpdate(oldObj, newObj interface{}) {
	pod := newObj.(*v1.Pod)
	pod.Spec.NodeName = "" // want `pod\.Spec\.NodeName is written in place, but pod comes from newObj, the object the informer passes to UpdateFunc`
}

func (c *Controller) labelAll(namespace string) error {
	pods, err := podutil.PodsIn(c.podLister, namespace)
	if err != nil {
		return err
	}
	for _, pod := range pods {
		pod.Labels["seen"] = "true" // want `pod\.Labels is written in place, but pod comes from podutil\.PodsIn .*which returns an object of the shared informer cache \(lister\.Pods\(namespace\)\.List\)`
	}
	return nil
}
