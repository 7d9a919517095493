// Package podcontroller is a pod labeller shaped like a client-go controller: a work queue fed by an
// informer, a sync function reading the pod lister, and helpers in other files.
package podcontroller

import (
	"context"
	"fmt"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	coreinformers "k8s.io/client-go/informers/core/v1"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
)

const zoneLabel = "topology.example.com/zone"

// Controller copies the zone of each pod's node onto the pod.
type Controller struct {
	client     kubernetes.Interface
	podLister  corelisters.PodLister
	nodeLister corelisters.NodeLister
	queue      workqueue.RateLimitingInterface
}

// NewController registers the informer handlers.
func NewController(client kubernetes.Interface, pods coreinformers.PodInformer, nodes coreinformers.NodeInformer) *Controller {
	c := &Controller{
		client:     client,
		podLister:  pods.Lister(),
		nodeLister: nodes.Lister(),
		queue:      workqueue.NewRateLimitingQueue(workqueue.DefaultControllerRateLimiter()),
	}
	pods.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: c.enqueue,
		UpdateFunc: func(old, cur interface{}) {
			c.enqueue(cur)
		},
	})
	return c
}

func (c *Controller) enqueue(obj interface{}) {
	key, err := cache.MetaNamespaceKeyFunc(obj)
	if err != nil {
		return
	}
	c.queue.Add(key)
}

// syncPod writes the label straight into the cached pod.
func (c *Controller) syncPod(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return err
	}
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	node, err := c.nodeLister.Get(pod.Spec.NodeName)
	if err != nil {
		return err
	}
	if pod.Labels[zoneLabel] == node.Labels[zoneLabel] {
		return nil
	}
	pod.Labels[zoneLabel] = node.Labels[zoneLabel] // want `pod\.Labels is written in place, but pod comes from c\.podLister\.Pods\(namespace\)\.Get \(line 59\), the shared informer cache; every reader of the cache sees this write and a concurrent range over the map crashes the process; call pod = pod\.DeepCopy\(\) first`
	_, err = c.client.CoreV1().Pods(namespace).Update(ctx, pod, metav1.UpdateOptions{})
	return err
}

// syncPodCopy is the fixed twin: the write goes to a deep copy.
func (c *Controller) syncPodCopy(ctx context.Context, namespace, name string) error {
	cached, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	pod := cached.DeepCopy()
	if pod.Labels == nil {
		pod.Labels = map[string]string{}
	}
	pod.Labels[zoneLabel] = "zone-a"
	_, err = c.client.CoreV1().Pods(namespace).Update(ctx, pod, metav1.UpdateOptions{})
	return err
}

// clearZone deletes from the cached pod's labels.
func (c *Controller) clearZone(namespace, name string) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	delete(pod.Labels, zoneLabel) // want `pod\.Labels is deleted from in place, but pod comes from c\.podLister\.Pods\(namespace\)\.Get`
	return nil
}

// assignNode writes a plain field of the cached pod: a warning, not a map race.
func (c *Controller) assignNode(namespace, name, nodeName string) (*v1.Pod, error) {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return nil, fmt.Errorf("get pod: %w", err)
	}
	pod.Spec.NodeName = nodeName // want `pod\.Spec\.NodeName is written in place, but pod comes from .*a state the API server never had; call pod = pod\.DeepCopy\(\) first`
	return pod, nil
}

// freshFromServer changes the API server's copy, which the caller owns.
func (c *Controller) freshFromServer(ctx context.Context, namespace, name string) error {
	pod, err := c.client.CoreV1().Pods(namespace).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return err
	}
	pod.Labels[zoneLabel] = "zone-b"
	_, err = c.client.CoreV1().Pods(namespace).Update(ctx, pod, metav1.UpdateOptions{})
	return err
}
