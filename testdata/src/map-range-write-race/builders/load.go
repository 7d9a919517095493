package builders

import "sync"

// Config loads a Program: the loading goroutines it starts all finish before Load returns it.
type Config struct {
	Paths []string
}

// Program is what Load builds.
type Program struct {
	all map[string]int
}

type importer struct {
	mu      sync.Mutex
	prog    *Program
	started map[string]*pending
}

type pending struct {
	done chan struct{}
	size int
}

// Load builds a fresh Program and joins the goroutines it starts (through importAll) before
// returning it: a method building its result is a construction phase too.
func (c *Config) Load() *Program {
	prog := &Program{all: map[string]int{}}
	imp := &importer{prog: prog, started: map[string]*pending{}}
	imp.importAll(c.Paths)
	return prog
}
