// Package objutil is a GOPATH package: no go.mod anywhere above it.
package objutil

import v1 "k8s.io/api/core/v1"

// Annotate writes an annotation on the node it is given.
func Annotate(node *v1.Node, key, value string) {
	node.Annotations[key] = value
}

// MergeAnnotations returns the node's annotations merged with extra, in a new map.
func MergeAnnotations(node *v1.Node, extra map[string]string) map[string]string {
	merged := map[string]string{}
	for k, v := range node.Annotations {
		merged[k] = v
	}
	for k, v := range extra {
		merged[k] = v
	}
	return merged
}
