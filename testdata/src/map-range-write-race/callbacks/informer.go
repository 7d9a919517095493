package callbacks

import (
	"fmt"

	"k8s.io/client-go/tools/cache"
)

// Mirror keeps what one informer registration tells it; its handlers run one at a time.
type Mirror struct {
	seen map[string]bool
}

// Watch registers handlers that write and range the map: one registration runs them in turn. Negative.
func (m *Mirror) Watch(informer cache.SharedIndexInformer) {
	informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			m.seen[fmt.Sprint(obj)] = true
		},
		UpdateFunc: func(old, obj interface{}) {
			for key := range m.seen {
				_ = key
			}
		},
		DeleteFunc: m.forget,
	})
}

func (m *Mirror) forget(obj interface{}) {
	delete(m.seen, fmt.Sprint(obj))
}
