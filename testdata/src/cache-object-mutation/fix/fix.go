// Package fix checks the suggested `x = x.DeepCopy()` edits.
package fix

import (
	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
)

type Controller struct {
	secrets corelisters.SecretLister
	indexer cache.Indexer
}

// rotate: the copy goes after the error check.
func (c *Controller) rotate(namespace, name string) error {
	secret, err := c.secrets.Secrets(namespace).Get(name)
	if err != nil {
		return err
	}
	secret.Data["rotated"] = []byte("yes") // want `secret\.Data is written in place`
	secret.Type = v1.SecretTypeOpaque // want `secret\.Type is written in place`
	return nil
}

// rotateAll: the copy goes first in the loop body.
func (c *Controller) rotateAll(namespace string) error {
	secrets, err := c.secrets.Secrets(namespace).List(labels.Everything())
	if err != nil {
		return err
	}
	for _, secret := range secrets {
		secret.Annotations["rotated"] = "yes" // want `secret\.Annotations is written in place`
	}
	return nil
}

// byKey: the copy goes after the type assertion and its ok check.
func (c *Controller) byKey(key string) {
	obj, exists, err := c.indexer.GetByKey(key)
	if err != nil || !exists {
		return
	}
	secret, ok := obj.(*v1.Secret)
	if !ok {
		return
	}
	secret.StringData = nil // want `secret\.StringData is written in place`
}

// untyped: no DeepCopy is known for an interface, so no fix.
func (c *Controller) untyped(key string) {
	obj, _, _ := c.indexer.GetByKey(key)
	if secret, ok := obj.(*v1.Secret); ok {
		secret.Labels["seen"] = "yes" // want `secret\.Labels is written in place`
	}
}
