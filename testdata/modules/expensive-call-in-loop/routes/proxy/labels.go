package proxy

import "example.com/sysutil"

func (p *Proxier) labels() map[string]string {
	labels := map[string]string{}
	for _, svc := range p.services {
		labels[svc.Name] = sysutil.Hostname() // want `sysutil.Hostname\(\) runs on every iteration of the range over p.services and runs an external command \(sysutil.Hostname → exec.Cmd.Output\)`
	}
	return labels
}

func (p *Proxier) shortNames() map[string]string {
	host := sysutil.Hostname()
	names := map[string]string{}
	for _, svc := range p.services {
		names[svc.Name] = sysutil.Short(host)
	}
	return names
}
