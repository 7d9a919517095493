package progress

import (
	"net"
	"strings"
)

// freePort asks the kernel for a free TCP port and retries only when the matching UDP port is taken:
// every pass gets a new port, and the retry is limited to a name collision. Quiet.
func freePort(ip net.IP) (int, error) {
	for i := 0; i < 10; i++ {
		ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: ip})
		if err != nil {
			return 0, err
		}
		port := ln.Addr().(*net.TCPAddr).Port
		ul, err := net.ListenUDP("udp", &net.UDPAddr{IP: ip, Port: port})
		ln.Close()
		if err != nil {
			if strings.Contains(err.Error(), "address already in use") {
				continue
			}
			return 0, err
		}
		ul.Close()
		return port, nil
	}
	return 0, net.ErrClosed
}
