// Package endpoints builds Endpoints for services; a new object that borrows the cached service's
// label map is as shared as the service itself.
package endpoints

import (
	"context"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
)

const headlessLabel = "service.kubernetes.io/headless"

// Controller writes Endpoints.
type Controller struct {
	client          kubernetes.Interface
	serviceLister   corelisters.ServiceLister
	endpointsLister corelisters.EndpointsLister
	podLister       corelisters.PodLister
}

// syncEndpoints reuses the service's label map for the new object, then marks it headless.
func (c *Controller) syncEndpoints(ctx context.Context, namespace, name string, subsets []v1.EndpointSubset) error {
	service, err := c.serviceLister.Services(namespace).Get(name)
	if err != nil {
		return err
	}
	current, err := c.endpointsLister.Endpoints(namespace).Get(name)
	if err != nil {
		return err
	}
	updated := current.DeepCopy()
	updated.Subsets = subsets
	updated.Labels = service.Labels
	if updated.Labels == nil {
		updated.Labels = map[string]string{}
	}
	if service.Spec.ClusterIP == v1.ClusterIPNone {
		updated.Labels[headlessLabel] = "" // want `updated\.Labels is written in place, but updated\.Labels is service\.Labels and service comes from c\.serviceLister\.Services\(namespace\)\.Get \(line 26\)`
	} else {
		delete(updated.Labels, headlessLabel) // want `updated\.Labels is deleted from in place, but updated\.Labels is service\.Labels`
	}
	_, err = c.client.CoreV1().Endpoints(namespace).Update(ctx, updated, metav1.UpdateOptions{})
	return err
}

// syncEndpointsCloned copies the labels into a map of its own.
func (c *Controller) syncEndpointsCloned(ctx context.Context, namespace, name string) error {
	service, err := c.serviceLister.Services(namespace).Get(name)
	if err != nil {
		return err
	}
	labels := make(map[string]string, len(service.Labels)+1)
	for key, value := range service.Labels {
		labels[key] = value
	}
	labels[headlessLabel] = ""
	endpoints := &v1.Endpoints{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: namespace, Labels: labels}}
	endpoints.Labels["owner"] = "endpoints-controller"
	_, err = c.client.CoreV1().Endpoints(namespace).Create(ctx, endpoints, metav1.CreateOptions{})
	return err
}

// createFromTemplate builds a new object around the cached service's metadata.
func (c *Controller) createFromTemplate(ctx context.Context, namespace, name string) error {
	service, err := c.serviceLister.Services(namespace).Get(name)
	if err != nil {
		return err
	}
	endpoints := &v1.Endpoints{ObjectMeta: service.ObjectMeta}
	endpoints.ResourceVersion = ""
	endpoints.Annotations["created-by"] = "endpoints-controller" // want `endpoints\.Annotations is written in place, but endpoints\.Annotations is service\.ObjectMeta and service comes from`
	_, err = c.client.CoreV1().Endpoints(namespace).Create(ctx, endpoints, metav1.CreateOptions{})
	return err
}

// relabel replaces the borrowed map before writing it.
func (c *Controller) relabel(namespace, name string) (*v1.Endpoints, error) {
	service, err := c.serviceLister.Services(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	endpoints := &v1.Endpoints{}
	endpoints.Labels = service.Labels
	endpoints.Labels = map[string]string{"fresh": "true"}
	endpoints.Labels["again"] = "true"
	return endpoints, nil
}
