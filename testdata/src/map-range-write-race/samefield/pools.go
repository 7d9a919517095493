package samefield

import "sync"

type pool struct {
	mu      sync.RWMutex
	members map[string]int
}

func (p *pool) join(m string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.members[m]++
}

// Registry keeps pools by name; its own lock guards only the outer map.
type Registry struct {
	mu    sync.RWMutex
	pools map[string]*pool
}

// Join adds a member to a pool, under the pool's lock, from any goroutine.
func (r *Registry) Join(name, member string) {
	r.mu.RLock()
	p := r.pools[name]
	r.mu.RUnlock()
	if p != nil {
		go p.join(member)
	}
}

// Members ranges each pool's members under r.mu only: positive.
func (r *Registry) Members() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	n := 0
	for _, p := range r.pools {
		for range p.members { // want "p.members is ranged in Members under r.mu but not p.mu while join writes it under p.mu"
			n++
		}
	}
	return n
}

// SafeMembers takes each pool's read lock: negative.
func (r *Registry) SafeMembers() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	n := 0
	for _, p := range r.pools {
		p.mu.RLock()
		for range p.members {
			n++
		}
		p.mu.RUnlock()
	}
	return n
}

// fresh builds its own pools; nothing is shared: negative.
func fresh(names []string) int {
	ps := map[string]*pool{}
	for _, n := range names {
		ps[n] = &pool{members: map[string]int{n: 1}}
	}
	k := 0
	for _, p := range ps {
		for range p.members {
			k++
		}
	}
	return k
}
