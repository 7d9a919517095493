package ordering

import "sync"

// Journal replays its log in the constructor, then a goroutine owns further updates.
type Journal struct {
	mu   sync.Mutex
	live map[string]string
	in   chan string
}

// Create is the package's public entry point; it only calls the constructor. Its callers' roots
// must not leak into what the constructor does to the value it is still building.
func Create(lines []string) *Journal {
	return NewJournal(lines)
}

// NewJournal replays before it starts the goroutine.
func NewJournal(lines []string) *Journal {
	j := &Journal{live: map[string]string{}, in: make(chan string)}
	j.replay(lines)
	go j.run()
	return j
}

// replay is called only by NewJournal, before `go j.run()`: negative.
func (j *Journal) replay(lines []string) {
	for _, l := range lines {
		if l == "" {
			delete(j.live, l)
			continue
		}
		j.live[l] = l
	}
}

func (j *Journal) run() {
	for l := range j.in {
		j.mu.Lock()
		j.live[l] = l
		j.mu.Unlock()
		j.compact()
	}
}

func (j *Journal) compact() {
	j.mu.Lock()
	defer j.mu.Unlock()
	for k := range j.live {
		_ = k
	}
}
