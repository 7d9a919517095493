package kubeproxy

import (
	"net"

	"github.com/vishvananda/netlink"
)

// NodeIPGetter returns the addresses that NodePort rules bind to.
type NodeIPGetter interface {
	NodeIPs() ([]net.IP, error)
}

// realIPGetter is the only non-test implementation of NodeIPGetter.
type realIPGetter struct {
	nl  netlinkHandle
	dev string
}

// NodeIPs is the first hop of the chain: it delegates to the handle.
func (r *realIPGetter) NodeIPs() ([]net.IP, error) {
	return r.nl.GetLocalAddresses(r.dev)
}

// netlinkHandle wraps the netlink calls.
type netlinkHandle struct {
	family int
}

// GetLocalAddresses dumps the local route table; this is the expensive end of the chain.
func (h netlinkHandle) GetLocalAddresses(dev string) ([]net.IP, error) {
	filter := &netlink.Route{Table: 255}
	routes, err := netlink.RouteListFiltered(h.family, filter, netlink.RT_FILTER_TABLE)
	if err != nil {
		return nil, err
	}
	ips := make([]net.IP, 0, len(routes))
	for _, route := range routes {
		if route.Src != nil {
			ips = append(ips, route.Src)
		}
	}
	return ips, nil
}
