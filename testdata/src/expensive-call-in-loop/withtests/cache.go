// Package withtests is linted with includeTests: test files are reported like any other.
package withtests

import "os"

// Load reads the cache file.
func Load(path string) ([]byte, error) {
	return os.ReadFile(path)
}
