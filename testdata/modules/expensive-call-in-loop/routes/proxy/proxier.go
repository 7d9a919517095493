package proxy

import (
	"github.com/vishvananda/netlink"

	"example.com/netutil"
	"example.com/proxy/pkg/util"
)

type Service struct{ Name, Dst string }

type Proxier struct {
	services []Service
	table    *netutil.Table
	synced   map[string]bool
	pending  []<-chan []netlink.Route
}

func (p *Proxier) syncAll() {
	for _, svc := range p.services {
		routes := util.NodeRoutes() // want `^util.NodeRoutes\(\) runs on every iteration of the range over p.services and lists netlink routes \(util.NodeRoutes → netutil.ListRoutes → netutil.listRoutes → netlink.RouteList\); its arguments do not change in the loop: call it once before the loop$`
		p.synced[svc.Name] = contains(routes, svc.Dst)
	}
}

func (p *Proxier) syncTable() {
	for _, svc := range p.services {
		routes := p.table.Routes() // want `p.table.Routes\(\) runs on every iteration .* \(netutil.Table.Routes → netutil.listRoutes → netlink.RouteList\)`
		p.synced[svc.Name] = len(routes) > 0
	}
}

func (p *Proxier) syncLocal() []string {
	var routed []string
	for _, svc := range p.services {
		if p.hasDefaultRoute() { // want `p.hasDefaultRoute\(\) runs on every iteration .* \(hasDefaultRoute → netutil.ListRoutes → netutil.listRoutes → netlink.RouteList\)`
			routed = append(routed, svc.Name)
		}
	}
	return routed
}

func (p *Proxier) hasDefaultRoute() bool {
	for _, route := range netutil.ListRoutes() {
		if route.Dst == "0.0.0.0/0" {
			return true
		}
	}
	return false
}

func (p *Proxier) routedTo(dst string) bool {
	return len(netutil.RoutesTo(dst)) > 0
}

func (p *Proxier) syncEach() {
	for _, svc := range p.services {
		p.synced[svc.Name] = p.routedTo(svc.Dst)
	}
}

func (p *Proxier) syncOnce() {
	routes := util.NodeRoutes()
	for _, svc := range p.services {
		p.synced[svc.Name] = contains(routes, svc.Dst)
	}
}

func (p *Proxier) syncCached() {
	for _, svc := range p.services {
		p.synced[svc.Name] = len(p.table.Cached()) > 0 && netutil.HasPrefix(svc.Dst, "10.")
	}
}

func (p *Proxier) syncBackground() {
	for range p.services {
		p.pending = append(p.pending, netutil.Refresh())
	}
}

func contains(list []string, want string) bool {
	for _, item := range list {
		if item == want {
			return true
		}
	}
	return false
}
