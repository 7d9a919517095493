// Package v1alpha1 is this module's own API type.
package v1alpha1

import metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

type Widget struct {
	metav1.ObjectMeta
	Size int
}

func (w *Widget) DeepCopy() *Widget {
	out := *w
	return &out
}

// Relabel changes the widget's labels.
func (w *Widget) Relabel(key, value string) {
	w.Labels[key] = value
}

// Summary describes the widget.
func (w *Widget) Summary() string {
	return w.Name
}
