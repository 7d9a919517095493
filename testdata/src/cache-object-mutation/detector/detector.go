// Package detector claims arbitrary resources for policies, reading them from dynamic informers as
// unstructured objects.
package detector

import (
	"context"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"example.com/policy/pkg/util"
)

const policyLabel = "policy.example.com/name"

// Detector matches objects to policies.
type Detector struct {
	informers dynamicinformer.DynamicSharedInformerFactory
	client    client.Client
}

// objectFor reads the cached object; for a dynamic informer it already is unstructured.
func (d *Detector) objectFor(gvr schema.GroupVersionResource, key string) (*unstructured.Unstructured, error) {
	obj, err := d.informers.ForResource(gvr).Lister().Get(key)
	if err != nil {
		return nil, err
	}
	return toUnstructured(obj)
}

// toUnstructured returns an unstructured object as it is and converts anything else.
func toUnstructured(obj runtime.Object) (*unstructured.Unstructured, error) {
	if u, ok := obj.(*unstructured.Unstructured); ok {
		return u, nil
	}
	content, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	if err != nil {
		return nil, err
	}
	return &unstructured.Unstructured{Object: content}, nil
}

// mergeLabel sets one label on the object it is given.
func mergeLabel(obj *unstructured.Unstructured, key, value string) {
	current := obj.GetLabels()
	if current == nil {
		current = map[string]string{}
	}
	current[key] = value
	obj.SetLabels(current) // want `obj\.SetLabels changes obj in place, but claim passes object to mergeLabel \(line 66\) and object comes from d\.objectFor \(line 59\), which returns an object of the shared informer cache \(d\.informers\.ForResource\(gvr\)\.Lister\(\)\.Get\).*call object = object\.DeepCopy\(\) in claim first`
}

// claim labels the cached object before sending it.
func (d *Detector) claim(ctx context.Context, gvr schema.GroupVersionResource, key, policy string) error {
	object, err := d.objectFor(gvr, key)
	if err != nil {
		return err
	}
	if object.GetLabels()[policyLabel] == policy {
		return nil
	}
	mergeLabel(object, policyLabel, policy)
	return d.client.Update(ctx, object)
}

// claimCopy works on its own copy; GetLabels of an unstructured object is a new map anyway.
func (d *Detector) claimCopy(ctx context.Context, gvr schema.GroupVersionResource, key, policy string) error {
	object, err := d.objectFor(gvr, key)
	if err != nil {
		return err
	}
	objectLabels := object.GetLabels()
	if objectLabels == nil {
		objectLabels = map[string]string{}
	}
	objectLabels[policyLabel] = policy
	claimed := object.DeepCopy()
	claimed.SetLabels(objectLabels)
	return d.client.Update(ctx, claimed)
}

// claimWithUtil uses a merge helper from another package.
func (d *Detector) claimWithUtil(ctx context.Context, gvr schema.GroupVersionResource, key, policy string) error {
	object, err := d.objectFor(gvr, key)
	if err != nil {
		return err
	}
	util.MergeLabel(object, policyLabel, policy) // want `util\.MergeLabel changes object in place, but object comes from d\.objectFor`
	return d.client.Update(ctx, object)
}

// selectorFor merges the cached labels into a new set: labels.Merge returns a new map.
func (d *Detector) selectorFor(gvr schema.GroupVersionResource, key string, extra labels.Set) (labels.Set, error) {
	object, err := d.objectFor(gvr, key)
	if err != nil {
		return nil, err
	}
	merged := labels.Merge(object.GetLabels(), extra)
	merged[policyLabel] = "any"
	return merged, nil
}

// stampContent writes the cached object's content map directly.
func (d *Detector) stampContent(gvr schema.GroupVersionResource, key string) error {
	object, err := d.objectFor(gvr, key)
	if err != nil {
		return err
	}
	if err := unstructured.SetNestedField(object.Object, "claimed", "status", "phase"); err != nil { // want `unstructured\.SetNestedField changes object in place`
		return err
	}
	return nil
}
