// Package finishing covers lifecycle-ending methods (Close, Commit, Release, ...) of values that
// clients call concurrently but that run no goroutine of their own: the client calls the finishing
// method after its other calls are done, so it does not overlap them.
package finishing

import (
	"os"
	"sync"
)

// Destination accepts blobs from concurrent PutBlob calls, serialised by lock, and writes the image
// once in Commit; Close cleans up. It starts no goroutine.
type Destination struct {
	lock      sync.Mutex
	directory string
	filenames map[string]string
	layers    map[string]int
	staged    map[string]string
}

// NewDestination builds an empty destination.
func NewDestination(directory string) *Destination {
	return &Destination{directory: directory, filenames: map[string]string{}, layers: map[string]int{}, staged: map[string]string{}}
}

// PutBlob records a blob under the lock.
func (d *Destination) PutBlob(digest, filename string) {
	d.lock.Lock()
	defer d.lock.Unlock()
	d.filenames[digest] = filename
	d.layers[digest] = len(d.layers)
}

// Stage records a staging directory under the lock.
func (d *Destination) Stage(digest, dir string) {
	d.lock.Lock()
	d.staged[digest] = dir
	d.lock.Unlock()
}

// Close ranges without the lock: the client calls it after its puts (negative).
func (d *Destination) Close() error {
	for _, dir := range d.staged {
		_ = os.RemoveAll(dir)
	}
	return os.RemoveAll(d.directory)
}
