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

// Probe is one prober, with the host's name read when it is made.
type Probe struct {
	Host   string
	Target string
}

// NewProbe makes a prober; each one asks the hostname command.
func NewProbe() *Probe {
	return &Probe{Host: Hostname()}
}

// Lines reads command output one line at a time.
type Lines struct {
	lines []string
	at    int
}

// Next returns the next line, and moves on.
func (l *Lines) Next() (string, bool) {
	if l.lines == nil {
		out, _ := exec.Command("hostname", "-A").Output()
		l.lines = strings.Split(string(out), " ")
	}
	if l.at >= len(l.lines) {
		return "", false
	}
	l.at++
	return l.lines[l.at-1], true
}
