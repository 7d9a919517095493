// Package configured is linted with options.json: two functions of an imported package and one of
// this package are configured as expensive; json.Marshal and regexp.MustCompile are taken out of the
// catalog.
package configured

import (
	"encoding/json"
	"regexp"

	"example.com/inventory"
)

type Host struct {
	Name string
}

// loadZones is configured as expensive although it calls nothing from the catalog.
func loadZones(region string) []string {
	return []string{region + "-a", region + "-b"}
}

// zonesFor reaches the configured function, so it is expensive too.
func zonesFor(region string) []string {
	return loadZones(region)
}

// A configured package function, called with an invariant argument.
func inventoryPerHost(hosts []Host, site string) int {
	n := 0
	for _, host := range hosts {
		all := inventory.FetchAll(site) // want `^inventory\.FetchAll\(site\) runs on every iteration of the range over hosts and calls example\.com/inventory\.FetchAll, configured as expensive; its arguments do not change in the loop: call it once before the loop$`
		n += len(all) + len(host.Name)
	}
	return n
}

// A configured method, resolved through the parameter's type.
func snapshotPerHost(hosts []Host, client *inventory.Client) int {
	n := 0
	for _, host := range hosts {
		snap, _ := client.Snapshot() // want `client\.Snapshot\(\) runs on every iteration .* calls \(\*example\.com/inventory\.Client\)\.Snapshot, configured as expensive`
		n += len(snap) + len(host.Name)
	}
	return n
}

// A same-package function configured as expensive, reached through a helper.
func zonesPerHost(hosts []Host, region string) int {
	n := 0
	for _, host := range hosts {
		zones := zonesFor(region) // want `zonesFor\(region\) runs on every iteration .* \(zonesFor → loadZones\)`
		n += len(zones) + len(host.Name)
	}
	return n
}

// Ignored catalog entries stay quiet.
func ignored(hosts []Host, meta map[string]string) int {
	n := 0
	for _, host := range hosts {
		body, _ := json.Marshal(meta)
		re := regexp.MustCompile(`^db-`)
		if re.MatchString(host.Name) {
			n += len(body)
		}
	}
	return n
}

// An unconfigured function of the same imported package stays quiet.
func unconfigured(hosts []Host, site string) int {
	n := 0
	for range hosts {
		n += len(inventory.Count(site))
	}
	return n
}
