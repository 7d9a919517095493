//go:build !go1.21

package identity

// addChild of the older build: the same method, never compiled together with tomb_new.go's, and
// called through the same Child under the lock. Negative.
func (t *Tomb) addChild(name string, cancel func()) {
	t.child[name] = cancel
	for n, c := range t.child {
		if c == nil {
			delete(t.child, n)
		}
	}
}
