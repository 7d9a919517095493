// Package labels is a library in the module cache that edits the labels of any object.
package labels

import metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

// Ensure sets a label on the object it is given.
func Ensure(obj metav1.Object, key, value string) {
	labels := obj.GetLabels()
	labels[key] = value
}

// Has reports whether the object has the label.
func Has(obj metav1.Object, key string) bool {
	_, ok := obj.GetLabels()[key]
	return ok
}
