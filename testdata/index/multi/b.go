package multi

type Item struct {
	Name string
}

type Meta struct {
	Labels map[string]string
}

func (m Meta) Describe() string { return "" }

func (s *Store) Set(key string, item *Item) {}

func NewStore() *Store { return &Store{items: map[string]*Item{}} }

type Getter interface {
	Get(key string) *Item
}
