package dialers

import (
	"context"
	"crypto/tls"
	"net"
	"time"
)

const backendNetwork = "tcp"

// net.Dial to a TCP address waits for the OS connect timeout.
func connect(addr string) (net.Conn, error) {
	return net.Dial("tcp", addr) // want `net.Dial has no timeout, so connecting to an unreachable host waits`
}

// The network from a package constant is still TCP.
func connectBackend() (net.Conn, error) {
	return net.Dial(backendNetwork, "backend:9000") // want `net.Dial has no timeout`
}

// A Dialer without Timeout used through Dial.
func dialer(addr string) (net.Conn, error) {
	d := &net.Dialer{KeepAlive: 30 * time.Second} // want `net.Dialer has no Timeout`
	return d.Dial("tcp", addr)
}

// A Dialer with Timeout: 0 used for TLS.
func tlsDialer(addr string) (*tls.Conn, error) {
	d := &net.Dialer{Timeout: 0} // want `net.Dialer has Timeout: 0`
	return tls.DialWithDialer(d, "tcp", addr, nil)
}

// A Dialer's Dial method handed on as a function value.
func dialFunc() func(network, addr string) (net.Conn, error) {
	return (&net.Dialer{}).Dial // want `net.Dialer has no Timeout`
}

// Quiet: DialTimeout.
func withTimeout(addr string) (net.Conn, error) {
	return net.DialTimeout("tcp", addr, 5*time.Second)
}

// Quiet: unix sockets and UDP do not wait on a remote handshake.
func local(path string) (net.Conn, error) {
	if _, err := net.Dial("udp", "127.0.0.1:53"); err != nil {
		return nil, err
	}
	return net.Dial("unix", path)
}

// Quiet: a Dialer with a Timeout, and one with a later Timeout.
func dialers(addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 5 * time.Second}
	if _, err := d.Dial("tcp", addr); err != nil {
		return nil, err
	}
	e := &net.Dialer{}
	e.Timeout = time.Second
	return e.Dial("tcp", addr)
}

// Quiet: DialContext leaves the bound to the caller's context.
func withContext(ctx context.Context, addr string) (net.Conn, error) {
	d := &net.Dialer{KeepAlive: time.Minute}
	return d.DialContext(ctx, "tcp", addr)
}

// Quiet: a dial wrapper passes its caller's network and address on.
func dialServer(network, addr string) (net.Conn, error) {
	return net.Dial(network, addr)
}

// Quiet: Dial is this package's dialing API; its callers choose it.
func Dial(addr string) (net.Conn, error) {
	return net.Dial("tcp", addr)
}
