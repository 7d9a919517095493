package kubeproxy

import (
	"net"
	"testing"
)

// fakeIPGetter is a test implementation; it must not make NodeIPGetter ambiguous.
type fakeIPGetter struct{ ips []net.IP }

func (f *fakeIPGetter) NodeIPs() ([]net.IP, error) { return f.ips, nil }

// Test files are quiet by default: the same loop shape does not count here.
func TestSync(t *testing.T) {
	p := &Proxier{ipGetter: &realIPGetter{}}
	for i := 0; i < 100; i++ {
		ips, err := p.ipGetter.NodeIPs()
		if err != nil || len(ips) > i {
			t.Log(ips)
		}
	}
}
