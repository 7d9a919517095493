package proxy

import "example.com/sysutil"

// probes makes n probers on purpose: each is its own.
func probes(n int) []*sysutil.Probe {
	all := make([]*sysutil.Probe, n)
	for i := 0; i < n; i++ {
		all[i] = sysutil.NewProbe()
	}
	return all
}

// targets adjusts each new prober in the loop.
func (p *Proxier) targets() []*sysutil.Probe {
	var out []*sysutil.Probe
	for _, svc := range p.services {
		probe := sysutil.NewProbe()
		probe.Target = svc.Name
		out = append(out, probe)
	}
	return out
}

// firstLines reads lines from one reader: each call moves it on.
func firstLines(lines *sysutil.Lines, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		line, _ := lines.Next()
		out = append(out, line)
	}
	return out
}

// hosts asks for the host name once per service: that one is loop-invariant.
func (p *Proxier) hosts() []*sysutil.Probe {
	var out []*sysutil.Probe
	for range p.services {
		out = append(out, &sysutil.Probe{Host: sysutil.Hostname()}) // want `sysutil.Hostname\(\) runs on every iteration of the range over p.services and runs an external command`
	}
	return out
}
