package pkg

// describe checks node before using it: no finding.
func describe(node *Node) string {
	if node != nil {
		return node.Name
	}
	return "none"
}
