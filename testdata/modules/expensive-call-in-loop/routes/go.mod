module example.com/proxy

go 1.21

require (
	example.com/netutil v0.2.0
	github.com/vishvananda/netlink v1.1.0
	example.com/sysutil v0.0.3
)
