package unlocked

// Agent owns a Snapshotter; Create reads the known members once, while it builds the agent.
type Agent struct {
	snap  *Snapshotter
	known []string
}

// Create builds the agent and reads the snapshot before wiring anything that sends events.
func Create(events chan [2]string) *Agent {
	a := &Agent{snap: NewSnapshotter(events)}
	a.known = a.snap.AliveNodes()
	return a
}
