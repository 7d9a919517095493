package helpers

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// Controller applies rules to pods.
type Controller struct {
	store   *store
	applied map[string]int
}

// The rules file is read and decoded for every pod, through two helpers in another file.
func (c *Controller) syncPods(pods []string) error {
	for _, pod := range pods {
		rules, err := loadRules() // want `^loadRules\(\) runs on every iteration of the range over pods and reads the file system \(loadRules → readRulesFile → os\.ReadFile\); its arguments do not change in the loop: call it once before the loop$`
		if err != nil {
			return err
		}
		c.applied[pod] = len(rules)
	}
	return nil
}

// A helper that compiles a constant pattern is reported even though its argument changes.
func validNames(names []string) int {
	n := 0
	for _, name := range names {
		if isValidName(name) { // want `^isValidName\(name\) runs on every iteration of the range over names and compiles the constant regular expression .* on each call \(isValidName → regexp\.MatchString\): compile it once into a package-level variable$`
			n++
		}
	}
	return n
}

// A client with a fresh transport per URL.
func probe(urls []string) int {
	up := 0
	for _, url := range urls {
		client := newClient(5 * time.Second) // want `newClient\(5 \* time\.Second\) runs on every iteration .* creates an http\.Transport, a new connection pool \(newClient → http\.Transport\{\}\)`
		if resp, err := client.Get(url); err == nil {
			resp.Body.Close()
			up++
		}
	}
	return up
}

// A method reached through the field type of the receiver.
func (c *Controller) routesPerPod(pods []string) int {
	n := 0
	for _, pod := range pods {
		data, _ := c.store.snapshotRoutes() // want `c\.store\.snapshotRoutes\(\) runs on every iteration .* reads the file system \(snapshotRoutes → os\.ReadFile\)`
		n += strings.Count(string(data), pod)
	}
	return n
}

// A method resolved by its unique name: the receiver comes from a map index.
func routesForAll(name string, pods []string) int {
	s := registry[name]
	n := 0
	for _, pod := range pods {
		data, _ := s.snapshotRoutes() // want `s\.snapshotRoutes\(\) runs on every iteration`
		n += strings.Count(string(data), pod)
	}
	return n
}

// A scanner loop: the condition is a call, the pattern is constant.
func countErrors(r io.Reader) int {
	scanner := bufio.NewScanner(r)
	n := 0
	for scanner.Scan() {
		re := regexp.MustCompile(`(?i)error`) // want `regexp\.MustCompile.* runs on every iteration of the loop while scanner\.Scan\(\) and compiles a regular expression`
		if re.MatchString(scanner.Text()) {
			n++
		}
	}
	return n
}

// An endless read loop that parses the same time zone for every line.
func stampLines(r *bufio.Reader) []string {
	var out []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			break
		}
		loc, lerr := time.LoadLocation("UTC") // want `time\.LoadLocation\("UTC"\) runs on every iteration of the endless for loop`
		if lerr != nil {
			continue
		}
		out = append(out, time.Now().In(loc).Format(time.RFC3339)+" "+line)
	}
	return out
}

// A func literal called in place runs on every iteration, so its calls count.
func (c *Controller) inlineLiteral(pods []string) {
	for _, pod := range pods {
		func() {
			rules, err := loadRules() // want `loadRules\(\) runs on every iteration of the range over pods`
			if err == nil {
				c.applied[pod] = len(rules)
			}
		}()
	}
}

// Only the inner loop can hoist the call: it varies with the outer loop, so this is a warning.
func (c *Controller) perNamespace(namespaces map[string][]string) {
	for ns, pods := range namespaces {
		for _, pod := range pods {
			prefix, _ := regexp.Compile("^" + regexp.QuoteMeta(ns)) // want `regexp\.Compile\(.*\) runs on every iteration of the range over pods and compiles a regular expression`
			if prefix != nil && prefix.MatchString(pod) {
				c.applied[fmt.Sprint(ns, pod)]++
			}
		}
	}
}
