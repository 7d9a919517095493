// Package v1alpha1 holds this module's listers, in the shape client-go's generators give them.
package v1alpha1

import "example.com/app/pkg/apis/v1alpha1"

type WidgetLister interface {
	Get(name string) (*v1alpha1.Widget, error)
}
