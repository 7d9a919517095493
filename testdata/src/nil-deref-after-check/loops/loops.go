// Package loops holds paths that are nil when a loop ends.
package loops

type Entry struct {
	Key  string
	Val  int
	Next *Entry
}

// After `for n != nil` with no break, n is nil.
func Tail(head *Entry) int {
	n := head
	for n != nil {
		n = n.Next
	}
	return n.Val // want `n is nil here .* and n.Val dereferences it`
}

// A search loop ends with n nil when the key is missing.
func Find(head *Entry, key string) int {
	var n *Entry
	for n = head; n != nil && n.Key != key; n = n.Next {
	}
	return n.Val // want `n may be nil here .* and n.Val dereferences it`
}

// Quiet: the loop result is checked.
func FindChecked(head *Entry, key string) int {
	var n *Entry
	for n = head; n != nil && n.Key != key; n = n.Next {
	}
	if n == nil {
		return -1
	}
	return n.Val
}

// Quiet: the loop ends with a break while n is not nil, or after a reassignment.
func Last(head *Entry) int {
	n := head
	for n != nil {
		if n.Next == nil {
			break
		}
		n = n.Next
	}
	if n == nil {
		return 0
	}
	return n.Val
}

// Quiet: the only exit is a return.
func FindOrZero(head *Entry, key string) int {
	for n := head; n != nil; n = n.Next {
		if n.Key == key {
			return n.Val
		}
	}
	return 0
}

// Quiet: the loop variable is scoped to the loop.
func Count(head *Entry) int {
	c := 0
	for n := head; n != nil; n = n.Next {
		c++
	}
	return c
}
