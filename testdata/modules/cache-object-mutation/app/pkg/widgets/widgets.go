package widgets

import (
	"example.com/app/pkg/apis/v1alpha1"
	listers "example.com/app/pkg/listers/v1alpha1"
)

type Controller struct {
	widgets listers.WidgetLister
}

func (c *Controller) relabel(name string) error {
	widget, err := c.widgets.Get(name)
	if err != nil {
		return err
	}
	widget.Relabel("seen", "true") // want `widget\.Relabel changes widget in place \(w\.Labels, widget\.go:\d+ in package v1alpha1\), but widget comes from c\.widgets\.Get`
	return nil
}

func (c *Controller) resize(name string) (*v1alpha1.Widget, error) {
	widget, err := c.widgets.Get(name)
	if err != nil {
		return nil, err
	}
	_ = widget.Summary()
	widget.Size++ // want `widget\.Size is written in place, but widget comes from c\.widgets\.Get`
	return widget, nil
}

func (c *Controller) resizeCopy(name string) (*v1alpha1.Widget, error) {
	cached, err := c.widgets.Get(name)
	if err != nil {
		return nil, err
	}
	widget := cached.DeepCopy()
	widget.Relabel("seen", "true")
	widget.Size++
	return widget, nil
}
