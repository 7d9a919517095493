package dispatchjoins

import "sync"

// Meter samples on goroutines it starts only on request (negative: it waits for them if it started
// them, before summing).
type Meter struct {
	mu      sync.Mutex
	samples map[int]int
	wg      sync.WaitGroup
}

func (m *Meter) sample(i int) {
	defer m.wg.Done()
	m.mu.Lock()
	m.samples[i]++
	m.mu.Unlock()
}

// Measure reads the samples after the flagged wait.
func (m *Meter) Measure(stress bool) int {
	started := false
	if stress {
		for i := 0; i < 4; i++ {
			m.wg.Add(1)
			go m.sample(i)
		}
		started = true
	}
	if started {
		m.wg.Wait()
	}
	return m.sum()
}

func (m *Meter) sum() int {
	n := 0
	for _, v := range m.samples {
		n += v
	}
	return n
}

// gaugeSampler starts and stops the goroutines writing a gauge's readings.
type gaugeSampler struct {
	mu       sync.Mutex
	readings map[int]int
	wg       sync.WaitGroup
}

func (s *gaugeSampler) start() {
	for i := 0; i < 4; i++ {
		s.wg.Add(1)
		go func(i int) {
			defer s.wg.Done()
			s.mu.Lock()
			s.readings[i]++
			s.mu.Unlock()
		}(i)
	}
}

func (s *gaugeSampler) stop() {
	s.wg.Wait()
}

// Gauge starts its sampler through a helper and tests its flag the other way round (negative).
type Gauge struct {
	s *gaugeSampler
}

// Read returns early when it never started the sampler, else stops it first.
func (g *Gauge) Read(quiet bool) int {
	var running bool
	if !quiet {
		g.s.start()
		running = true
	}
	if !running {
		return g.count()
	}
	g.s.stop()
	return g.count()
}

func (g *Gauge) count() int {
	n := 0
	for range g.s.readings {
		n++
	}
	return n
}

// Probe waits under another flag than the one saying it started (positive).
type Probe struct {
	mu     sync.Mutex
	seen   map[int]bool
	wg     sync.WaitGroup
}

func (p *Probe) watch(i int) {
	defer p.wg.Done()
	p.mu.Lock()
	p.seen[i] = true
	p.mu.Unlock()
}

// Poll may read while the watchers run.
func (p *Probe) Poll(stress, verbose bool) int {
	started := false
	if stress {
		p.wg.Add(1)
		go p.watch(1)
		started = true
	}
	if verbose && started {
		p.wg.Wait()
	}
	return p.glance()
}

func (p *Probe) glance() int {
	n := 0
	for key := range p.seen { // want "p.seen is ranged in glance without p.mu while watch writes it under p.mu"
		n += key
	}
	return n
}
