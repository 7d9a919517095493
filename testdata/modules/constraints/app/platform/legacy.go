// +build darwin,amd64 freebsd

package platform

// Legacy is darwin/amd64 or freebsd, by an old +build line.
func Legacy() {}
