package builders

func (imp *importer) importAll(paths []string) {
	var list []*pending
	for _, p := range paths {
		list = append(list, imp.start(p))
	}
	for _, p := range list {
		p.await()
	}
}

func (imp *importer) start(path string) *pending {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	p, ok := imp.started[path]
	if !ok {
		p = &pending{done: make(chan struct{})}
		imp.started[path] = p
		go func() {
			imp.load(path)
			p.finish(len(path))
		}()
	}
	return p
}

func (imp *importer) load(path string) {
	imp.mu.Lock()
	imp.prog.all[path] = len(path)
	imp.mu.Unlock()
}

func (p *pending) await() {
	<-p.done
}

func (p *pending) finish(size int) {
	p.size = size
	close(p.done)
}
