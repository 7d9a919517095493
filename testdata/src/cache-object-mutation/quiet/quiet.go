// Package quiet holds controller code that reads the cache correctly, or writes objects it owns.
package quiet

import (
	"context"
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	appslisters "k8s.io/client-go/listers/apps/v1"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
)

// Reconciler keeps deployments paused while their config map is missing.
type Reconciler struct {
	client           kubernetes.Interface
	deploymentLister appslisters.DeploymentLister
	configMaps       corelisters.ConfigMapLister
	last             *appsv1.Deployment
	cache            *ttlCache
}

type ttlCache struct {
	entries map[string]*appsv1.Deployment
}

func (c *ttlCache) Get(key string) (*appsv1.Deployment, bool) {
	d, ok := c.entries[key]
	return d, ok
}

// pause copies the cached deployment before changing it.
func (r *Reconciler) pause(ctx context.Context, namespace, name string) error {
	deployment, err := r.deploymentLister.Deployments(namespace).Get(name)
	if err != nil {
		return err
	}
	if deployment.Spec.Paused {
		return nil
	}
	deployment = deployment.DeepCopy()
	deployment.Spec.Paused = true
	deployment.Annotations["paused-by"] = "reconciler"
	_, err = r.client.AppsV1().Deployments(namespace).Update(ctx, deployment, metav1.UpdateOptions{})
	return err
}

// resume works on the API server's copy.
func (r *Reconciler) resume(ctx context.Context, namespace, name string) error {
	deployment, err := r.client.AppsV1().Deployments(namespace).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return err
	}
	deployment.Spec.Paused = false
	delete(deployment.Annotations, "paused-by")
	_, err = r.client.AppsV1().Deployments(namespace).Update(ctx, deployment, metav1.UpdateOptions{})
	return err
}

// remember stores the cached pointer in the reconciler: a write to r, not to the object.
func (r *Reconciler) remember(namespace, name string) {
	deployment, err := r.deploymentLister.Deployments(namespace).Get(name)
	if err == nil {
		r.last = deployment
	}
}

// specCopy changes a value copy of the spec; nothing shared is written.
func (r *Reconciler) specCopy(namespace, name string) (appsv1.DeploymentSpec, error) {
	deployment, err := r.deploymentLister.Deployments(namespace).Get(name)
	if err != nil {
		return appsv1.DeploymentSpec{}, err
	}
	spec := deployment.Spec
	spec.Paused = true
	spec.MinReadySeconds = 10
	return spec, nil
}

// containerCopies ranges over a slice of struct values: each element is a copy.
func (r *Reconciler) containerCopies(namespace, name string) []string {
	deployment, err := r.deploymentLister.Deployments(namespace).Get(name)
	if err != nil {
		return nil
	}
	var images []string
	for _, container := range deployment.Spec.Template.Spec.Containers {
		container.Image = "registry.example.com/" + container.Image
		images = append(images, container.Image)
	}
	return images
}

// clonedLabels clones the cached map before adding to it.
func (r *Reconciler) clonedLabels(namespace, name string) (map[string]string, error) {
	config, err := r.configMaps.ConfigMaps(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	merged := maps.Clone(config.Labels)
	merged["reconciled"] = "true"
	own := make(map[string]string, len(config.Data))
	for key, value := range config.Data {
		own[key] = value
	}
	own["extra"] = "1"
	return merged, nil
}

// objectCopy copies through DeepCopyObject.
func (r *Reconciler) objectCopy(namespace, name string) (*v1.ConfigMap, error) {
	config, err := r.configMaps.ConfigMaps(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	owned := config.DeepCopyObject().(*v1.ConfigMap)
	owned.Data["checked"] = "true"
	return owned, nil
}

// freshEveryBranch replaces the cached object on every path before the write.
func (r *Reconciler) freshEveryBranch(namespace, name string, mode int) *v1.ConfigMap {
	config, err := r.configMaps.ConfigMaps(namespace).Get(name)
	if err != nil {
		return nil
	}
	switch mode {
	case 0:
		config = &v1.ConfigMap{}
	case 1:
		config = config.DeepCopy()
	default:
		config = newConfigMap(namespace, name)
	}
	config.Data = map[string]string{"mode": "set"}
	return config
}

func newConfigMap(namespace, name string) *v1.ConfigMap {
	return &v1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name}}
}

// listAndCount only reads the listed objects and sorts the fresh slice.
func (r *Reconciler) listAndCount(namespace string) (int, error) {
	deployments, err := r.deploymentLister.Deployments(namespace).List(labels.Everything())
	if err != nil {
		return 0, err
	}
	deployments = deployments[:len(deployments)/2]
	paused := 0
	for _, deployment := range deployments {
		if deployment.Spec.Paused {
			paused++
		}
	}
	return paused, nil
}

// ownCache is not an informer cache: its Get is an ordinary map lookup.
func (r *Reconciler) ownCache(key string) {
	deployment, ok := r.cache.Get(key)
	if ok {
		deployment.Status.ObservedGeneration = 0
	}
}
