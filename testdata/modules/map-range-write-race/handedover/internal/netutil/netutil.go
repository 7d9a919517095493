// Package netutil holds helpers shared by the network back ends; they walk a back end's networks
// through the small interface below.
package netutil

// Walker lists networks.
type Walker interface {
	ForEach(func(name string))
}

// FreeName returns a name no network uses yet.
func FreeName(w Walker) string {
	used := usedNames(w)
	return "net" + string(rune('0'+len(used)))
}

func usedNames(w Walker) map[string]bool {
	used := map[string]bool{}
	w.ForEach(func(name string) {
		used[name] = true
	})
	return used
}

// Count counts the networks.
func Count(w Walker) int {
	n := 0
	w.ForEach(func(string) { n++ })
	return n
}
