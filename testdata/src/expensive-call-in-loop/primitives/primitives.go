// Package primitives calls each catalog primitive directly inside a loop with arguments that do not
// change in the loop.
package primitives

import (
	"crypto/tls"
	"crypto/x509"
	"database/sql"
	"encoding/json"
	"html/template"
	"io/ioutil"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/vishvananda/netlink"
)

type Pod struct {
	Name      string
	Namespace string
	Labels    map[string]string
}

// A shell-out whose output is the same for every pod.
func shellOut(pods []Pod) []string {
	var out []string
	for _, pod := range pods {
		version, err := exec.Command("iptables", "--version").Output() // want `^exec\.Command\("iptables", "--version"\)\.Output\(\) runs on every iteration of the range over pods and runs an external command; its arguments do not change in the loop: call it once before the loop$`
		if err != nil {
			continue
		}
		out = append(out, pod.Name+string(version))
	}
	return out
}

// The command is built in the loop from constants and run through a variable.
func shellOutThroughVariable(pods []Pod) int {
	n := 0
	for _, pod := range pods {
		cmd := exec.Command("ip", "-o", "route", "show")
		routes, _ := cmd.CombinedOutput() // want `cmd\.CombinedOutput\(\) runs on every iteration .* runs an external command`
		n += strings.Count(string(routes), pod.Name)
	}
	return n
}

// Interfaces are listed again for every address.
func interfacesPerAddress(addrs []string) map[string]string {
	owners := map[string]string{}
	for _, addr := range addrs {
		ifaces, err := net.Interfaces() // want `net\.Interfaces\(\) runs on every iteration .* lists the host's network interfaces`
		if err != nil {
			return nil
		}
		for _, iface := range ifaces {
			if strings.HasPrefix(addr, iface.Name) {
				owners[addr] = iface.Name
			}
		}
	}
	return owners
}

// The interface is looked up by a constant name, then its addresses listed, on every iteration.
func addrsOfDevice(ports []int, dev string) int {
	total := 0
	for _, port := range ports {
		ifc, err := net.InterfaceByName(dev) // want `net\.InterfaceByName\(dev\) runs on every iteration`
		if err != nil {
			continue
		}
		total += port
		_ = ifc
	}
	return total
}

// The interface is found once, but its addresses are listed for every port.
func portsOnDevice(ports []int, dev string) []string {
	ifc, err := net.InterfaceByName(dev)
	if err != nil {
		return nil
	}
	var out []string
	for _, port := range ports {
		addrs, err := ifc.Addrs() // want `ifc\.Addrs\(\) runs on every iteration of the range over ports and lists interface addresses`
		if err != nil {
			return nil
		}
		for _, addr := range addrs {
			out = append(out, net.JoinHostPort(addr.String(), strings.Repeat("x", port)))
		}
	}
	return out
}

// A regular expression compiled from a constant for every line.
func matchLines(lines []string) []string {
	var keys []string
	for _, line := range lines {
		re := regexp.MustCompile(`^(\w+)=`) // want "regexp.MustCompile.* runs on every iteration of the range over lines and compiles a regular expression"
		if m := re.FindStringSubmatch(line); m != nil {
			keys = append(keys, m[1])
		}
	}
	return keys
}

// regexp.MatchString compiles its constant pattern on every call, although the input changes.
func matchNames(names []string) int {
	n := 0
	for _, name := range names {
		if ok, _ := regexp.MatchString("^kube-", name); ok { // want `regexp\.MatchString\("\^kube-", name\) runs on every iteration .* compiles its pattern on every call; the pattern does not change in the loop`
			n++
		}
	}
	return n
}

// A template parsed from the same text for every pod.
func render(pods []Pod, layout string) []string {
	var pages []string
	for _, pod := range pods {
		tmpl, err := template.New("pod").Parse(layout) // want `template\.New\("pod"\)\.Parse\(layout\) runs on every iteration .* parses a template`
		if err != nil {
			return nil
		}
		var b strings.Builder
		_ = tmpl.Execute(&b, pod)
		pages = append(pages, b.String())
	}
	return pages
}

// The same file is read for every namespace.
func readConfigPerNamespace(namespaces []string, path string) map[string]int {
	sizes := map[string]int{}
	for _, ns := range namespaces {
		data, err := os.ReadFile(path) // want `os\.ReadFile\(path\) runs on every iteration .* reads the file system`
		if err != nil {
			continue
		}
		sizes[ns] = len(data)
	}
	return sizes
}

// ioutil.ReadDir of a constant directory inside a counting loop.
func countPlugins(n int) int {
	found := 0
	for i := 0; i < n; i++ {
		entries, _ := ioutil.ReadDir("/etc/cni/net.d") // want `ioutil\.ReadDir\("/etc/cni/net\.d"\) runs on every iteration of the loop while i < n`
		found += len(entries)
	}
	return found
}

// filepath.Glob of a constant pattern for every pod.
func globPerPod(pods []Pod) int {
	n := 0
	for _, pod := range pods {
		matches, _ := filepath.Glob("/var/run/*.sock") // want `filepath\.Glob.* reads the file system`
		n += len(matches) + len(pod.Name)
	}
	return n
}

// The time zone database is read for every event.
func localTimes(stamps []time.Time) []string {
	var out []string
	for _, stamp := range stamps {
		loc, err := time.LoadLocation("Europe/Berlin") // want `time\.LoadLocation.* loads a time zone from disk`
		if err != nil {
			return nil
		}
		out = append(out, stamp.In(loc).String())
	}
	return out
}

// The same user is looked up for every file.
func owners(files []string, owner string) map[string]string {
	result := map[string]string{}
	for _, file := range files {
		u, err := user.Lookup(owner) // want `user\.Lookup\(owner\) runs on every iteration .* looks up a user`
		if err == nil {
			result[file] = u.Uid
		}
	}
	return result
}

// A DNS lookup of the same host for every port.
func endpoints(host string, ports []string) []string {
	var out []string
	for _, port := range ports {
		addrs, err := net.LookupHost(host) // want `net\.LookupHost\(host\) runs on every iteration .* does a DNS lookup`
		if err != nil || len(addrs) == 0 {
			continue
		}
		out = append(out, net.JoinHostPort(addrs[0], port))
	}
	return out
}

// The CA certificate is parsed again for every client.
func verifyAll(clients []*x509.Certificate, caDER []byte) int {
	ok := 0
	for _, client := range clients {
		ca, err := x509.ParseCertificate(caDER) // want `x509\.ParseCertificate\(caDER\) runs on every iteration .* parses certificates`
		if err != nil {
			return 0
		}
		if client.CheckSignatureFrom(ca) == nil {
			ok++
		}
	}
	return ok
}

// The key pair is loaded from disk for every listener.
func tlsConfigs(addrs []string, certFile, keyFile string) []*tls.Config {
	var configs []*tls.Config
	for _, addr := range addrs {
		pair, err := tls.LoadX509KeyPair(certFile, keyFile) // want `tls\.LoadX509KeyPair\(certFile, keyFile\) runs on every iteration .* loads a TLS key pair`
		if err != nil {
			continue
		}
		configs = append(configs, &tls.Config{Certificates: []tls.Certificate{pair}, ServerName: addr})
	}
	return configs
}

// A database pool is opened per query.
func runQueries(dsn string, queries []string) error {
	for _, q := range queries {
		db, err := sql.Open("postgres", dsn) // want `sql\.Open\("postgres", dsn\) runs on every iteration .* opens a database connection pool`
		if err != nil {
			return err
		}
		if _, err := db.Exec(q); err != nil {
			return err
		}
	}
	return nil
}

// A new transport, and so a new connection pool, for every URL.
func fetchAll(urls []string, timeout time.Duration) int {
	ok := 0
	for _, url := range urls {
		client := &http.Client{
			Transport: &http.Transport{IdleConnTimeout: timeout}, // want `^http\.Transport\{\.\.\.\} is created on every iteration of the range over urls, a new connection pool each time`
			Timeout:   timeout,
		}
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			ok++
		}
	}
	return ok
}

// The same request body is marshalled for every peer.
func broadcast(peers []string, req map[string]string) [][]byte {
	var bodies [][]byte
	for _, peer := range peers {
		body, err := json.Marshal(req) // want `json\.Marshal\(req\) runs on every iteration .* marshals JSON`
		if err != nil {
			log.Printf("marshal %v for %s: %v", req, peer, err)
			continue
		}
		bodies = append(bodies, append([]byte(peer), body...))
	}
	return bodies
}

// netlink listings inside a loop over configured devices.
func linksPerDevice(devices []string) map[string]int {
	counts := map[string]int{}
	for _, dev := range devices {
		links, err := netlink.LinkList() // want `netlink\.LinkList\(\) runs on every iteration .* lists netlink links`
		if err != nil {
			continue
		}
		counts[dev] = len(links)
	}
	return counts
}

// Neighbours of the same link, listed per IP.
func neighbours(linkIndex int, ips []net.IP) int {
	n := 0
	for _, ip := range ips {
		neighs, _ := netlink.NeighList(linkIndex, netlink.FAMILY_V4) // want `netlink\.NeighList\(.*\) runs on every iteration .* lists netlink neighbours`
		for _, neigh := range neighs {
			if neigh.IP.Equal(ip) {
				n++
			}
		}
	}
	return n
}

// A netlink handle stored in a field: its method is resolved through the field type.
type syncer struct {
	handle *netlink.Handle
	link   netlink.Link
}

func (s *syncer) addrsPerRule(rules []string) int {
	n := 0
	for _, rule := range rules {
		addrs, _ := s.handle.AddrList(s.link, netlink.FAMILY_ALL) // want `s\.handle\.AddrList\(s\.link, netlink\.FAMILY_ALL\) runs on every iteration .* lists netlink addresses`
		n += len(addrs) + len(rule)
	}
	return n
}
