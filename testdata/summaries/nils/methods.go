package nils

type node struct{ next *node }

type list struct {
	head *node
	size int
}

// Len was written with a nil receiver in mind.
func (l *list) Len() int { // want list.Len:"nilSafe"
	if l == nil {
		return 0
	}
	return l.size
}

// Front reads a field of its receiver with no guard.
func (l *list) Front() *node { return l.head }

// Kind never mentions its receiver.
func (*list) Kind() string { return "list" } // want list.Kind:"nilSafe"

// Count has a value receiver, which a nil pointer cannot supply.
func (l list) Count() int { return l.size }

// Walk guards the fields it reads with a nil test of the receiver.
func (l *list) Walk(visit func(*node)) { // want list.Walk:"nilSafe"
	if l != nil {
		for n := l.head; n != nil; n = n.next {
			visit(n)
		}
	}
}
