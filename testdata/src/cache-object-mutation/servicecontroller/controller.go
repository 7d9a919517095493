// Package servicecontroller syncs load balancers for services; the writes hide two helpers deep.
package servicecontroller

import (
	"context"
	"sort"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	taintutils "k8s.io/kubernetes/pkg/util/taints"
)

// Controller owns cloud load balancers.
type Controller struct {
	client        kubernetes.Interface
	serviceLister corelisters.ServiceLister
	nodeLister    corelisters.NodeLister
	balancer      Balancer
}

// Balancer is the cloud side.
type Balancer interface {
	Ensure(ctx context.Context, service *v1.Service, nodes []*v1.Node) (*v1.LoadBalancerStatus, error)
}

func (c *Controller) syncService(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return err
	}
	service, err := c.serviceLister.Services(namespace).Get(name)
	if err != nil {
		return err
	}
	return c.processServiceCreateOrUpdate(ctx, service)
}

func (c *Controller) syncServiceCopy(ctx context.Context, namespace, name string) error {
	service, err := c.serviceLister.Services(namespace).Get(name)
	if err != nil {
		return err
	}
	return c.processServiceCreateOrUpdate(ctx, service.DeepCopy())
}

// sortedPorts sorts the cached service's ports in place.
func (c *Controller) sortedPorts(namespace, name string) ([]v1.ServicePort, error) {
	service, err := c.serviceLister.Services(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	ports := service.Spec.Ports
	sort.Slice(ports, func(i, j int) bool { return ports[i].Port < ports[j].Port }) // want `sort\.Slice changes ports in place, but ports is service\.Spec\.Ports and service comes from`
	return ports, nil
}

// sortedNodes sorts the fresh slice a List returns, which the caller owns.
func (c *Controller) sortedNodes() ([]*v1.Node, error) {
	nodes, err := c.nodeLister.List(labels.Everything())
	if err != nil {
		return nil, err
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].Name < nodes[j].Name })
	return nodes, nil
}

// selectorSet converts the cached selector map and adds to it.
func (c *Controller) selectorSet(namespace, name string) (labels.Set, error) {
	service, err := c.serviceLister.Services(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	selector := labels.Set(service.Spec.Selector)
	selector["managed"] = "true" // want `selector is written in place, but selector is labels\.Set\(service\.Spec\.Selector\) and service comes from .*concurrent range over the map crashes the process`
	return selector, nil
}

// taintNode uses a helper that returns a new node: the cached one is untouched.
func (c *Controller) taintNode(ctx context.Context, name string, taint *v1.Taint) error {
	node, err := c.nodeLister.Get(name)
	if err != nil {
		return err
	}
	updated, changed, err := taintutils.AddOrUpdateTaint(node, taint)
	if err != nil || !changed {
		return err
	}
	_, err = c.client.CoreV1().Nodes().Update(ctx, updated, metav1.UpdateOptions{})
	return err
}

// overwriteAddresses copies new addresses over the cached node's slice.
func (c *Controller) overwriteAddresses(name string, addresses []v1.NodeAddress) error {
	node, err := c.nodeLister.Get(name)
	if err != nil {
		return err
	}
	copy(node.Status.Addresses, addresses) // want `node\.Status\.Addresses is written in place`
	return nil
}
