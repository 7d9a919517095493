package controller

import (
	"log"
)

// EventHandlerFuncs mirrors an informer's handler callbacks.
type EventHandlerFuncs struct {
	AddFunc    func(obj interface{})
	UpdateFunc func(oldObj, newObj interface{})
	DeleteFunc func(obj interface{})
}

func keyOf(obj interface{}) (string, error) {
	if s, ok := obj.(string); ok {
		return s, nil
	}
	return "", errNotAKey
}

type keyError string

func (e keyError) Error() string { return string(e) }

const errNotAKey = keyError("object has no key")

// enqueue adds new events at once, which is right: rate-limiting them would only delay them. Quiet.
func (c *Controller) enqueue(obj interface{}) {
	key, err := keyOf(obj)
	if err != nil {
		log.Print(err)
		return
	}
	c.queue.Add(key)
}

// handlers wires informer callbacks straight to the queue: quiet.
func (c *Controller) handlers() EventHandlerFuncs {
	return EventHandlerFuncs{
		AddFunc: c.enqueue,
		UpdateFunc: func(oldObj, newObj interface{}) {
			key, err := keyOf(newObj)
			if err != nil {
				return
			}
			c.queue.Add(key)
		},
		DeleteFunc: func(obj interface{}) {
			if key, err := keyOf(obj); err == nil {
				c.queue.Add(key)
			}
		},
	}
}
