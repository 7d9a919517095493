package lifetimes

type freelist struct {
	pending map[int][]int
	cache   map[int]bool
	ids     []int
	readIDs func(ids []int)
}

func newFreelist() *freelist {
	f := &freelist{pending: map[int][]int{}, cache: map[int]bool{}}
	f.readIDs = f.arrayReadIDs
	return f
}

func (f *freelist) release(id int) {
	for tid := range f.pending {
		if tid <= id {
			delete(f.pending, tid)
		}
	}
}

func (f *freelist) reload(ids []int) {
	f.readIDs(ids)
}

func (f *freelist) arrayReadIDs(ids []int) {
	f.ids = ids
	f.reindex()
}

func (f *freelist) reindex() {
	for _, ids := range f.pending {
		for _, id := range ids {
			f.cache[id] = true
		}
	}
}

func (f *freelist) compact() {
	for id := range f.pending {
		f.cache[id] = false
	}
}
