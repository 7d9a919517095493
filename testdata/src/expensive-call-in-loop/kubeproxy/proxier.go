package kubeproxy

import (
	"fmt"
	"strings"
	"sync"
)

// ServicePort is one service port that needs rules.
type ServicePort struct {
	Name     string
	NodePort int
}

// Proxier programs rules for every service.
type Proxier struct {
	mu         sync.Mutex
	serviceMap map[string]*ServicePort
	ipGetter   NodeIPGetter
	rules      strings.Builder
	synced     int
}

// syncProxyRules is the incident: three calls away from the loop, the route table is dumped for
// every NodePort service, although the receiver never changes in the loop.
func (proxier *Proxier) syncProxyRules() error {
	proxier.mu.Lock()
	defer proxier.mu.Unlock()
	for name, svc := range proxier.serviceMap {
		if svc.NodePort == 0 {
			continue
		}
		nodeIPs, err := proxier.ipGetter.NodeIPs() // want `^proxier\.ipGetter\.NodeIPs\(\) runs on every iteration of the range over proxier\.serviceMap and lists netlink routes \(NodeIPs → GetLocalAddresses → netlink\.RouteListFiltered\); its arguments do not change in the loop: call it once before the loop$`
		if err != nil {
			return fmt.Errorf("node IPs for %s: %w", name, err)
		}
		for _, ip := range nodeIPs {
			proxier.writeRule(ip.String(), svc.NodePort)
		}
		proxier.synced++
	}
	return nil
}

// syncProxyRulesFixed is the fixed twin: the addresses are read once, before the loop.
func (proxier *Proxier) syncProxyRulesFixed() error {
	proxier.mu.Lock()
	defer proxier.mu.Unlock()
	nodeIPs, err := proxier.ipGetter.NodeIPs()
	if err != nil {
		return err
	}
	for _, svc := range proxier.serviceMap {
		for _, ip := range nodeIPs {
			proxier.writeRule(ip.String(), svc.NodePort)
		}
	}
	return nil
}

// syncNested asks inside two nested loops; the call changes in neither, so it is an error.
func (proxier *Proxier) syncNested(families []int) {
	for _, family := range families {
		for _, svc := range proxier.serviceMap {
			ips, _ := proxier.ipGetter.NodeIPs() // want `NodeIPs\(\) runs on every iteration of the nested loops \(the range over proxier\.serviceMap inside the range over families\) .* call it once before the outer loop`
			proxier.writeRule(fmt.Sprint(family, ips), svc.NodePort)
		}
	}
}

func (proxier *Proxier) writeRule(ip string, port int) {
	fmt.Fprintf(&proxier.rules, "-A KUBE-NODEPORTS -d %s --dport %d\n", ip, port)
}
