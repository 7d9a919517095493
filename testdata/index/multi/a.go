package multi

import (
	nethttp "net/http"
	"sync"
	yaml "gopkg.in/yaml.v3"
	"k8s.io/client-go/util/workqueue"
)

type Base struct {
	ID string
}

type Store struct {
	Base
	*Meta
	mu    sync.RWMutex
	items map[string]*Item
	a, b  int
}

func (s *Store) Get(key string) *Item { return s.items[key] }

var client = &nethttp.Client{}

const maxItems = 10

var _ = yaml.Marshal
var _ workqueue.Interface
