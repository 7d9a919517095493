// Package sysutil is vendored: it shells out for what the host knows.
package sysutil

import (
	"os/exec"
	"strings"
)

// Hostname asks the hostname command every time.
func Hostname() string {
	out, err := exec.Command("hostname", "-f").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// Short trims a host name; it runs nothing.
func Short(host string) string {
	if i := strings.IndexByte(host, '.'); i >= 0 {
		return host[:i]
	}
	return host
}
