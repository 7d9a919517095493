package identity

// The reads of Pool live apart from its writes: one lock, however it is written.

// Addrs ranges under p.guard.Mutex: negative.
func (p *Pool) Addrs() []string {
	p.guard.Mutex.Lock()
	defer p.guard.Mutex.Unlock()
	var out []string
	for a := range p.conns {
		out = append(out, a)
	}
	return out
}

// Count ranges under the promoted p.Mutex: negative.
func (p *Pool) Count() int {
	p.Mutex.Lock()
	defer p.Mutex.Unlock()
	n := 0
	for range p.conns {
		n++
	}
	return n
}

// Dump ranges without any of them: positive, and the message names the lock to take.
func (p *Pool) Dump() []string {
	var out []string
	for a := range p.conns { // want "p.conns is ranged in Dump without p\\.Lock\\(\\) while Add writes it under p\\.Lock\\(\\) \\(line 21\\); hold p\\.Lock\\(\\) around the loop"
		out = append(out, a)
	}
	return out
}
