package servicecontroller

import (
	"context"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	servicehelper "k8s.io/cloud-provider/service/helpers"
)

func (c *Controller) processServiceCreateOrUpdate(ctx context.Context, service *v1.Service) error {
	if !servicehelper.WantsLoadBalancer(service) {
		return nil
	}
	return c.syncLoadBalancerIfNeeded(ctx, service)
}

func (c *Controller) syncLoadBalancerIfNeeded(ctx context.Context, service *v1.Service) error {
	nodes, err := c.nodeLister.List(labels.Everything())
	if err != nil {
		return err
	}
	status, err := c.balancer.Ensure(ctx, service, nodes)
	if err != nil {
		return err
	}
	service.Status.LoadBalancer = *status // want `service\.Status\.LoadBalancer is written in place, but syncService passes service to c\.processServiceCreateOrUpdate \(controller\.go:39\), which hands it on to this function, and service comes from c\.serviceLister\.Services\(namespace\)\.Get \(controller\.go:35\)`
	return nil
}

// markExternal records the balancer through a setter from another package.
func (c *Controller) markExternal(namespace, name string) error {
	service, err := c.serviceLister.Services(namespace).Get(name)
	if err != nil {
		return err
	}
	servicehelper.SetLoadBalancerClass(service, "example.com/lb") // want `servicehelper\.SetLoadBalancerClass changes service in place, but service comes from`
	return nil
}
