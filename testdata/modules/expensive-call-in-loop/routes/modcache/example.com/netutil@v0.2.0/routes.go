// Package netutil wraps netlink listings behind helpers, as kube-proxy's utilities do.
package netutil

import (
	"strings"

	"github.com/vishvananda/netlink"
)

// ListRoutes lists every route of the host.
func ListRoutes() []netlink.Route {
	return listRoutes(0)
}

func listRoutes(family int) []netlink.Route {
	routes, err := netlink.RouteList(nil, family)
	if err != nil {
		return nil
	}
	return routes
}

// HasPrefix is cheap: it only compares strings.
func HasPrefix(dst, prefix string) bool {
	return strings.HasPrefix(dst, prefix)
}

// Table lists routes on demand; Cached remembers the first answer.
type Table struct {
	family int
	cache  []netlink.Route
}

func NewTable(family int) *Table { return &Table{family: family} }

// Routes lists the table's routes each time it is called.
func (t *Table) Routes() []netlink.Route {
	return listRoutes(t.family)
}

// Cached lists the routes once and then answers from memory.
func (t *Table) Cached() []netlink.Route {
	if t.cache == nil {
		t.cache = listRoutes(t.family)
	}
	return t.cache
}

// Refresh lists the routes in the background and returns at once.
func Refresh() <-chan []netlink.Route {
	done := make(chan []netlink.Route, 1)
	go func() {
		done <- listRoutes(0)
	}()
	return done
}

// RoutesTo lists the routes towards one destination.
func RoutesTo(dst string) []netlink.Route {
	var out []netlink.Route
	for _, route := range listRoutes(0) {
		if route.Dst == dst {
			out = append(out, route)
		}
	}
	return out
}
