package progress

import (
	"math/rand"
	"net"
)

// Batch is a request whose documents are cut into slices.
type Batch struct {
	Docs []string
}

// writeInSlices sends the batch a slice at a time: each pass sets a new slice in a field of the
// argument, so the call works on different input. Quiet.
func writeInSlices(b *Batch, write func(*Batch) error) error {
	all := b.Docs
	for i := 0; i < len(all); i += 100 {
		end := i + 100
		if end > len(all) {
			end = len(all)
		}
		b.Docs = all[i:end]
		if err := write(b); err != nil {
			continue
		}
	}
	return nil
}

// listenRandom picks a random port in the address it hands over by pointer. Quiet.
func listenRandom(listen func(*net.TCPAddr) (net.Listener, error), base *net.TCPAddr) (net.Listener, error) {
	var err error
	for i := 0; i < 10; i++ {
		addr := *base
		addr.Port = 1024 + rand.Intn(60000)
		var l net.Listener
		if l, err = listen(&addr); err == nil {
			return l, nil
		}
	}
	return nil, err
}

// readChunks declares each chunk's id in a var block from the moving offset. Quiet.
func readChunks(size int, fetch func(id string) error, idOf func(int) string) {
	off := 0
	for off < size {
		var (
			id = idOf(off)
		)
		if err := fetch(id); err != nil {
			off++
			continue
		}
		off += 10
	}
}

// Line reads lines typed at a prompt.
type Line interface {
	Readline() (string, error)
}

// promptValid reads a new line on every pass and checks it: the check sees new input each time. Quiet.
func promptValid(rl Line, current func() string, valid func(string) error) error {
	var err, inputErr error
	for {
		_, err = rl.Readline()
		inputErr = valid(current())
		if inputErr == nil {
			break
		}
		if err != nil {
			break
		}
	}
	return err
}

// node is an item of a sorted walk.
type node struct{ next *node }

// iterator walks nodes.
type iterator struct{ at *node }

// Front returns the current node, not an error.
func (it *iterator) Front() *node { return it.at }

// Next moves on.
func (it *iterator) Next() { it.at = it.at.next }

// walk compares a result that is no error with nil in its condition: not an attempt. Quiet.
func walk(it *iterator, visit func(*node) bool) {
	for it.Front() != nil {
		if visit(it.Front()) {
			return
		}
		it.Next()
	}
}
