package unlocked

// Snapshotter records members on a goroutine its constructor starts; nothing locks the map.
type Snapshotter struct {
	alive  map[string]string
	events chan [2]string
}

// NewSnapshotter replays, then starts the goroutine that applies events.
func NewSnapshotter(events chan [2]string) *Snapshotter {
	s := &Snapshotter{alive: map[string]string{}, events: events}
	go s.stream()
	return s
}

func (s *Snapshotter) stream() {
	for e := range s.events {
		s.apply(e)
	}
}

// apply writes on the stream goroutine.
func (s *Snapshotter) apply(e [2]string) {
	if e[1] == "" {
		delete(s.alive, e[0])
		return
	}
	s.alive[e[0]] = e[1]
}

// AliveNodes is called by the package only while it builds its Agent (agent.go), before any event
// can arrive: the package's own use shows no overlap. Negative.
func (s *Snapshotter) AliveNodes() []string {
	var out []string
	for name := range s.alive {
		out = append(out, name)
	}
	return out
}
