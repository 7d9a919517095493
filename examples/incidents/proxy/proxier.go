// Package proxy reproduces a kube-proxy CPU and latency incident: every
// rule sync enumerated the host's network interfaces once per service.
package proxy

import (
	"fmt"
	"net"
	"strings"
	"sync"
)

// NodeIPGetter returns the IP addresses that NodePort rules bind to.
type NodeIPGetter interface {
	NodeIPs() ([]net.IP, error)
}

// realIPGetter is the only NodeIPGetter: it reads addresses from the host.
type realIPGetter struct {
	dev string
}

// NodeIPs lists the addresses of the configured device.
func (r *realIPGetter) NodeIPs() ([]net.IP, error) {
	return GetLocalAddresses(r.dev)
}

// GetLocalAddresses returns the addresses of dev, or of every interface on
// the host when dev is empty. Each call asks the kernel for the whole
// address table.
func GetLocalAddresses(dev string) ([]net.IP, error) {
	var addrs []net.Addr
	if dev == "" {
		all, err := net.InterfaceAddrs()
		if err != nil {
			return nil, err
		}
		addrs = all
	} else {
		ifc, err := net.InterfaceByName(dev)
		if err != nil {
			return nil, err
		}
		if addrs, err = ifc.Addrs(); err != nil {
			return nil, err
		}
	}
	ips := make([]net.IP, 0, len(addrs))
	for _, a := range addrs {
		if ipnet, ok := a.(*net.IPNet); ok {
			ips = append(ips, ipnet.IP)
		}
	}
	return ips, nil
}

// ServicePort is one service port that needs proxy rules.
type ServicePort struct {
	Name     string
	NodePort int
	Protocol string
}

// Proxier programs NodePort rules for every service.
type Proxier struct {
	mu         sync.Mutex
	serviceMap map[string]ServicePort
	ipGetter   NodeIPGetter
	rules      string
}

// NewProxier returns a Proxier that reads node addresses from dev.
func NewProxier(dev string) *Proxier {
	return &Proxier{
		serviceMap: map[string]ServicePort{},
		ipGetter:   &realIPGetter{dev: dev},
	}
}

// syncProxyRules reproduces incident 3 (expensive-call-in-loop): inside the
// range over p.serviceMap it calls p.ipGetter.NodeIPs(), which reaches
// net.InterfaceAddrs through GetLocalAddresses, so a cluster with 10k
// services dumps the host's address table 10k times per sync.
func (p *Proxier) syncProxyRules() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b strings.Builder
	for _, svc := range p.serviceMap {
		if svc.NodePort == 0 {
			continue
		}
		nodeIPs, err := p.ipGetter.NodeIPs()
		if err != nil {
			return fmt.Errorf("listing node IPs for %s: %w", svc.Name, err)
		}
		for _, ip := range nodeIPs {
			fmt.Fprintf(&b, "-A KUBE-NODEPORTS -d %s -p %s --dport %d -j KUBE-SVC-%s\n",
				ip, svc.Protocol, svc.NodePort, svc.Name)
		}
	}
	p.rules = b.String()
	return nil
}

// syncProxyRulesFixed is the fixed twin: the node addresses are read once,
// before the loop, and every service reuses the same slice.
func (p *Proxier) syncProxyRulesFixed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	nodeIPs, err := p.ipGetter.NodeIPs()
	if err != nil {
		return fmt.Errorf("listing node IPs: %w", err)
	}
	var b strings.Builder
	for _, svc := range p.serviceMap {
		if svc.NodePort == 0 {
			continue
		}
		for _, ip := range nodeIPs {
			fmt.Fprintf(&b, "-A KUBE-NODEPORTS -d %s -p %s --dport %d -j KUBE-SVC-%s\n",
				ip, svc.Protocol, svc.NodePort, svc.Name)
		}
	}
	p.rules = b.String()
	return nil
}

// OnServiceUpdate records a service and resyncs the rules.
func (p *Proxier) OnServiceUpdate(svc ServicePort, fixed bool) error {
	p.mu.Lock()
	p.serviceMap[svc.Name] = svc
	p.mu.Unlock()
	if fixed {
		return p.syncProxyRulesFixed()
	}
	return p.syncProxyRules()
}
