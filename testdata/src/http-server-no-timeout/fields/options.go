package fields

import "time"

// configure sets the metrics server's read timeout after construction.
func (m *Metrics) configure() {
	m.srv.ReadHeaderTimeout = 5 * time.Second
}
