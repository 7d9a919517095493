package ctrl

import (
	"example.com/legacy/objutil"
	corelisters "k8s.io/client-go/listers/core/v1"
)

type Controller struct {
	nodeLister corelisters.NodeLister
}

func (c *Controller) annotate(name string) error {
	node, err := c.nodeLister.Get(name)
	if err != nil {
		return err
	}
	objutil.Annotate(node, "seen", "true") // want `objutil\.Annotate changes node in place \(node\.Annotations, objutil\.go:\d+ in package objutil\)`
	return nil
}

// MergeAnnotations builds a new map: its Merge name does not make it a mutator.
func (c *Controller) merged(name string) (map[string]string, error) {
	node, err := c.nodeLister.Get(name)
	if err != nil {
		return nil, err
	}
	return objutil.MergeAnnotations(node, map[string]string{"seen": "true"}), nil
}
