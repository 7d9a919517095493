// Package registry covers package-level maps guarded by a package-level
// mutex, across files.
package registry

import "sync"

var (
	driversMu sync.RWMutex
	drivers   = make(map[string]Driver)
)

// Driver is a pluggable backend.
type Driver interface {
	Open(name string) error
}

// Register adds a driver under the lock.
func Register(name string, d Driver) {
	driversMu.Lock()
	defer driversMu.Unlock()
	drivers[name] = d
}

// Unregister deletes under only the read lock: positive.
func Unregister(name string) {
	driversMu.RLock()
	defer driversMu.RUnlock()
	delete(drivers, name) // want "drivers is deleted from in Unregister under only driversMu.RLock while Drivers ranges over it"
}
