//go:build !linux && !windows

package platform

func name() string { return "other" }
