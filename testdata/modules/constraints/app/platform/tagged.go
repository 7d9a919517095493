//go:build special && (amd64 || arm64)

package platform

// Special is built with -tags special.
func Special() {}
