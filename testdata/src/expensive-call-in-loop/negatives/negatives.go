// Package negatives holds loops with expensive calls that must stay quiet.
package negatives

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/vishvananda/netlink"
)

type Item struct {
	Name string
	Path string
	Spec map[string]string
}

// The argument is the loop variable: each iteration reads a different file.
func readEach(paths []string) int {
	n := 0
	for _, path := range paths {
		data, _ := os.ReadFile(path)
		n += len(data)
	}
	return n
}

// The argument is built from a value produced in the body.
func readDerived(items []Item, root string) int {
	n := 0
	for _, item := range items {
		full := filepath.Join(root, item.Name)
		data, _ := os.ReadFile(full)
		n += len(data)
	}
	return n
}

// The pattern depends on a variable assigned in the loop.
func growingPattern(words []string) int {
	pattern := "^"
	n := 0
	for range words {
		pattern += "a"
		re := regexp.MustCompile(pattern)
		if re.MatchString("aaa") {
			n++
		}
	}
	return n
}

// The marshalled value is changed in the loop through a field, an element and a method.
type Request struct {
	Items []string
	Meta  map[string]string
}

func (r *Request) Add(item string) { r.Items = append(r.Items, item) }

func marshalChanging(req *Request, items []string) [][]byte {
	var out [][]byte
	for _, item := range items {
		req.Items = append(req.Items, item)
		body, _ := json.Marshal(req)
		out = append(out, body)
	}
	for i, item := range items {
		req.Meta[item] = "x"
		body, _ := json.Marshal(req.Meta)
		out = append(out, body)
		_ = i
	}
	for _, item := range items {
		req.Add(item)
		body, _ := json.Marshal(req)
		out = append(out, body)
	}
	return out
}

// The address of the value is taken in the loop, so it may be filled there.
func decodeEach(blobs [][]byte, cfg map[string]string) int {
	n := 0
	for _, blob := range blobs {
		_ = json.Unmarshal(blob, &cfg)
		body, _ := json.Marshal(cfg)
		n += len(body)
	}
	return n
}

// A small constant bound: three passes are not a hot loop.
func threeTries(path string) int {
	n := 0
	for i := 0; i < 3; i++ {
		data, _ := os.ReadFile(path)
		n += len(data)
	}
	return n
}

const maxProbes = 4

// A small bound through a named constant, and a range over a short literal list.
func fewPasses(dev string) int {
	n := 0
	for i := 0; i < maxProbes; i++ {
		ifc, _ := net.InterfaceByName(dev)
		n += ifc.MTU
	}
	for _, family := range []int{netlink.FAMILY_V4, netlink.FAMILY_V6} {
		links, _ := netlink.LinkList()
		n += len(links) + family
	}
	return n
}

// The body returns on the first pass: the loop runs once.
func firstMatch(items []Item, path string) []byte {
	for _, item := range items {
		if item.Name == "" {
			continue
		}
		data, _ := os.ReadFile(path)
		return data
	}
	return nil
}

// The call sits on a path that leaves the loop right after it.
func findAndRead(items []Item, path string) ([]byte, error) {
	for _, item := range items {
		if item.Name == "config" {
			data, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			return data, nil
		}
	}
	return nil, errors.New("no config")
}

// The call runs once and then breaks out of the loop.
func firstInterface(names []string) []net.Interface {
	var ifaces []net.Interface
	for _, name := range names {
		if strings.HasPrefix(name, "eth") {
			ifaces, _ = net.Interfaces()
			break
		}
	}
	return ifaces
}

// sync.Once runs the literal once, whatever the loop does.
type resolver struct {
	once  sync.Once
	addrs []net.Addr
}

func (r *resolver) match(ips []string) int {
	n := 0
	for _, ip := range ips {
		r.once.Do(func() {
			r.addrs, _ = net.InterfaceAddrs()
		})
		for _, addr := range r.addrs {
			if addr.String() == ip {
				n++
			}
		}
	}
	return n
}

// A nil-guarded cache is filled once.
func cachedPattern(lines []string) int {
	var re *regexp.Regexp
	n := 0
	for _, line := range lines {
		if re == nil {
			re = regexp.MustCompile(`^#`)
		}
		if re.MatchString(line) {
			n++
		}
	}
	return n
}

// A map cache filled on a miss: the key is the loop variable anyway, and the guard runs it once per key.
func cachedPerKey(keys []string) map[string]*regexp.Regexp {
	cache := map[string]*regexp.Regexp{}
	for _, key := range keys {
		if _, ok := cache[key]; !ok {
			cache[key] = regexp.MustCompile(regexp.QuoteMeta(key))
		}
	}
	return cache
}

// A helper that memoizes its result is cheap after the first call.
type hostInfo struct {
	mu    sync.Mutex
	addrs []net.Addr
}

func (h *hostInfo) Addrs() []net.Addr {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.addrs == nil {
		h.addrs, _ = net.InterfaceAddrs()
	}
	return h.addrs
}

func (h *hostInfo) countLocal(ips []string) int {
	n := 0
	for _, ip := range ips {
		addrs := h.Addrs()
		for _, addr := range addrs {
			if addr.String() == ip {
				n++
			}
		}
	}
	return n
}

// A polling loop expects the answer to change between sleeps.
func waitForAddress(ip string) bool {
	for attempt := 0; attempt < 60; attempt++ {
		addrs, _ := net.InterfaceAddrs()
		for _, addr := range addrs {
			if strings.HasPrefix(addr.String(), ip) {
				return true
			}
		}
		time.Sleep(time.Second)
	}
	return false
}

// A select loop waits for events; each event re-reads the file on purpose.
func watch(ctx context.Context, events <-chan string, path string) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-events:
			data, _ := os.ReadFile(path)
			_ = ev + string(data)
		}
	}
}

// A retry loop exits when the command succeeds.
func retryCommand(attempts int) ([]byte, error) {
	var lastErr error
	for i := 0; i < attempts; i++ {
		out, err := exec.Command("systemctl", "is-active", "kubelet").Output()
		if err == nil {
			return out, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

// A goroutine per item: the literal does not run in the loop body itself.
func fanOut(items []Item, path string, wg *sync.WaitGroup) {
	for _, item := range items {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			data, _ := os.ReadFile(path)
			_ = name + string(data)
		}(item.Name)
	}
}

// A func literal defined in the loop but never called there.
func callbacks(items []Item, path string) []func() []byte {
	var fns []func() []byte
	for range items {
		fns = append(fns, func() []byte {
			data, _ := os.ReadFile(path)
			return data
		})
	}
	return fns
}

// A literal passed as a callback does not run per iteration of this loop.
func sorted(groups [][]Item) {
	for _, group := range groups {
		sort.Slice(group, func(i, j int) bool {
			return regexp.MustCompile(`^a`).MatchString(group[i].Name)
		})
	}
}

// Side effects only: the result is dropped or only the error is kept.
func sideEffects(items []Item) error {
	for _, item := range items {
		if err := exec.Command("sync").Run(); err != nil {
			return err
		}
		_, err := exec.Command("udevadm", "settle").Output()
		if err != nil {
			return err
		}
		_ = item
	}
	return nil
}

// Cheap calls are not expensive, whether invariant or not.
func cheap(items []Item, sep string) []string {
	var out []string
	for _, item := range items {
		out = append(out, strings.ToLower(item.Name), strings.Repeat(sep, 3))
	}
	return out
}

// A switch on the element with many cases decodes items: each case runs about once.
func decode(attrs []netlink.Attr) (ifaceName string) {
	for _, attr := range attrs {
		switch attr.Type {
		case 1:
			ifaceName = string(attr.Value)
		case 2:
			ifaceName = ""
		case 3:
			links, _ := netlink.LinkList()
			ifaceName = links[0].Attrs().Name
		case 4:
			ifaceName = "lo"
		case 5:
			ifaceName = "eth0"
		}
	}
	return ifaceName
}

// The file is written in the loop, so reading it again sees new content.
func appendLines(path string, lines []string) error {
	for _, line := range lines {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.WriteFile(path, append(data, line...), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// A method on a value of an unknown, imported type is not assumed to be a catalog entry.
func unknownReceiver(items []Item, client interface{ ReadFile(string) ([]byte, error) }) int {
	n := 0
	for range items {
		data, _ := client.ReadFile("/etc/hosts")
		n += len(data)
	}
	return n
}

// The argument comes from a call that may answer differently each time.
func fromCall(items []Item, next func() string) int {
	n := 0
	for range items {
		data, _ := os.ReadFile(next())
		n += len(data)
	}
	return n
}

// The expensive call is in the range expression, which is evaluated once.
func rangeExpression(path string) int {
	n := 0
	for _, entry := range mustReadDir(path) {
		n += len(entry.Name())
	}
	return n
}

func mustReadDir(path string) []os.DirEntry {
	entries, _ := os.ReadDir(path)
	return entries
}
