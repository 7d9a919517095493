package registry

import "sort"

// Drivers ranges under the read lock: negative.
func Drivers() []string {
	driversMu.RLock()
	defer driversMu.RUnlock()
	var names []string
	for name := range drivers {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Count ranges without the lock: positive.
func Count() int {
	n := 0
	for range drivers { // want "drivers is ranged in Count without driversMu while Register writes it under driversMu"
		n++
	}
	return n
}
