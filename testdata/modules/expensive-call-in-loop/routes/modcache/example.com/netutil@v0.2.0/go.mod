module example.com/netutil

go 1.20

require github.com/vishvananda/netlink v1.1.0
