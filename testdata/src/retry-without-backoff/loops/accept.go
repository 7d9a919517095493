package loops

import (
	"errors"
	"log"
	"net"
	"time"
)

// serveUntilShutdown checks for shutdown without blocking: the select falls through to continue.
func serveUntilShutdown(l net.Listener, shutdown chan struct{}, handle func(net.Conn)) {
	for { // want `accept loop calls l\.Accept again as soon as it fails`
		conn, err := l.Accept()
		if err != nil {
			select {
			case <-shutdown:
				return
			default:
				log.Printf("accept: %v", err)
				continue
			}
		}
		go handle(conn)
	}
}

// servePaced sleeps on temporary errors, doubling the pause, and returns on the others. Quiet.
func servePaced(l net.Listener, handle func(net.Conn)) error {
	var delay time.Duration
	for {
		conn, err := l.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				if delay == 0 {
					delay = 5 * time.Millisecond
				} else if delay *= 2; delay > time.Second {
					delay = time.Second
				}
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		go handle(conn)
	}
}

// serveOnce returns on any accept error. Quiet.
func serveOnce(l net.Listener, handle func(net.Conn)) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(conn)
	}
}

// serveWithDeadline gives every accept a deadline of its own, so each failure took that long. Quiet.
func serveWithDeadline(l *net.TCPListener, handle func(net.Conn)) {
	for {
		l.SetDeadline(time.Now().Add(50 * time.Millisecond))
		conn, err := l.Accept()
		if err != nil {
			continue
		}
		go handle(conn)
	}
}

// Agent keeps its clients by name.
type Agent struct {
	listener net.Listener
	stopped  bool
	clients  map[string]net.Conn
}

// listen records each client in a field of the receiver: that field is not what Accept works on.
func (a *Agent) listen() {
	for { // want `accept loop calls a\.listener\.Accept again as soon as it fails`
		conn, err := a.listener.Accept()
		if err != nil {
			if a.stopped {
				return
			}
			log.Printf("accept: %v", err)
			continue
		}
		a.clients[conn.RemoteAddr().String()] = conn
	}
}
