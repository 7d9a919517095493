// Package pkg holds one real finding, so tests can check that it is still printed when something
// else in the run goes wrong.
package pkg

type Node struct {
	Name string
}

// lookup dereferences node on the branch where it is known to be nil.
func lookup(node *Node) string {
	if node == nil {
		return node.Name
	}
	return ""
}
