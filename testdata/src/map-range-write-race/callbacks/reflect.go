package callbacks

import (
	"reflect"
	"sync"
)

// Exporter keeps exported objects under its embedded lock; a method value wrapped by reflect lists
// them when a client calls it, from whatever goroutine serves that client.
type Exporter struct {
	sync.RWMutex
	objects map[string]int
	methods map[string]reflect.Value
}

// NewExporter registers the introspection method.
func NewExporter() *Exporter {
	e := &Exporter{objects: map[string]int{}, methods: map[string]reflect.Value{}}
	e.methods["Introspect"] = reflect.ValueOf(func(prefix string) []string {
		return e.list(prefix)
	})
	return e
}

// Export writes under the lock.
func (e *Exporter) Export(path string) {
	e.Lock()
	e.objects[path]++
	e.Unlock()
}

// list runs whenever the wrapped func is called, without the lock: positive.
func (e *Exporter) list(prefix string) []string {
	var out []string
	for path := range e.objects { // want "e.objects is ranged in list without e.Lock\\(\\) while Export writes it under e.Lock\\(\\)"
		out = append(out, prefix+path)
	}
	return out
}
