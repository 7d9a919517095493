// Package reconciler manages a custom resource with generated listers and status condition helpers.
package reconciler

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	v1alpha1 "example.com/widgets/pkg/apis/widgets/v1alpha1"
	clientset "example.com/widgets/pkg/client/clientset/versioned"
	listers "example.com/widgets/pkg/client/listers/widgets/v1alpha1"
)

const cleanupFinalizer = "widgets.example.com/cleanup"

// Reconciler drives widgets to ready.
type Reconciler struct {
	client       clientset.Interface
	widgetLister listers.WidgetLister
	scheme       *runtime.Scheme
}

// Reconcile marks the cached widget's status through its condition helpers.
func (r *Reconciler) Reconcile(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return err
	}
	widget, err := r.widgetLister.Widgets(namespace).Get(name)
	if err != nil {
		return err
	}
	widget.Status.InitializeConditions() // want `widget\.Status\.InitializeConditions changes widget in place, but widget comes from r\.widgetLister\.Widgets\(namespace\)\.Get`
	if widget.Spec.Size > 0 {
		widget.Status.MarkReady() // want `widget\.Status\.MarkReady changes widget in place`
	}
	_, err = r.client.WidgetsV1alpha1().Widgets(namespace).UpdateStatus(ctx, widget, metav1.UpdateOptions{})
	return err
}

// ReconcileCopy works on a copy.
func (r *Reconciler) ReconcileCopy(ctx context.Context, namespace, name string) error {
	original, err := r.widgetLister.Widgets(namespace).Get(name)
	if err != nil {
		return err
	}
	widget := original.DeepCopy()
	widget.Status.InitializeConditions()
	widget.Status.MarkReady()
	controllerutil.AddFinalizer(widget, cleanupFinalizer)
	_, err = r.client.WidgetsV1alpha1().Widgets(namespace).Update(ctx, widget, metav1.UpdateOptions{})
	return err
}

// ensureFinalizer adds the finalizer to the cached widget.
func (r *Reconciler) ensureFinalizer(ctx context.Context, namespace, name string) error {
	widget, err := r.widgetLister.Widgets(namespace).Get(name)
	if err != nil {
		return err
	}
	if controllerutil.ContainsFinalizer(widget, cleanupFinalizer) {
		return nil
	}
	controllerutil.AddFinalizer(widget, cleanupFinalizer) // want `controllerutil\.AddFinalizer changes widget in place, but widget comes from`
	_, err = r.client.WidgetsV1alpha1().Widgets(namespace).Update(ctx, widget, metav1.UpdateOptions{})
	return err
}

// adopt sets the cached widget as owner of a new child: the child changes, not the widget.
func (r *Reconciler) adopt(namespace, name string) (*v1alpha1.Gadget, error) {
	widget, err := r.widgetLister.Widgets(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	gadget := &v1alpha1.Gadget{ObjectMeta: metav1.ObjectMeta{Name: name + "-gadget", Namespace: namespace}}
	if err := controllerutil.SetControllerReference(widget, gadget, r.scheme); err != nil {
		return nil, err
	}
	return gadget, nil
}

// adoptedBy makes the cached widget the child: its owner references change.
func (r *Reconciler) adoptedBy(owner *v1alpha1.Gadget, namespace, name string) error {
	widget, err := r.widgetLister.Widgets(namespace).Get(name)
	if err != nil {
		return err
	}
	return controllerutil.SetControllerReference(owner, widget, r.scheme) // want `controllerutil\.SetControllerReference changes widget in place`
}

// annotateThroughInterface sets annotations through metav1.Object.
func (r *Reconciler) annotateThroughInterface(obj interface{}) {
	widget, ok := obj.(*v1alpha1.Widget)
	if !ok {
		return
	}
	var accessor metav1.Object = widget
	accessor.SetAnnotations(nil)
}
