// Package progress holds loops that look like retries but make progress on every pass: they read the
// next item of a stream, consume input through a cursor, or change what the call works on. All quiet.
package progress

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"log"
)

// Message is one item of a stream.
type Message struct{ Kind string }

// Stream is a server-streaming RPC.
type Stream interface {
	Recv() (*Message, error)
}

// firstRecord skips malformed records until a good one: each Read consumes the next record.
func firstRecord(r *csv.Reader) ([]string, error) {
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil, err
		}
		if err != nil {
			log.Printf("skipping bad record: %v", err)
			continue
		}
		return rec, nil
	}
}

// firstMessage skips messages that fail to arrive whole; each Recv is the next message.
func firstMessage(s Stream) (*Message, error) {
	for {
		msg, err := s.Recv()
		if errors.Is(err, io.EOF) {
			return nil, err
		}
		if err != nil {
			continue
		}
		return msg, nil
	}
}

// firstObject decodes until one value parses; the decoder moves on every time.
func firstObject(dec *json.Decoder, v interface{}) error {
	for dec.More() {
		if err := dec.Decode(v); err != nil {
			continue
		}
		return nil
	}
	return io.EOF
}

// nextValue reads varints from a buffer: the cursor moves past each failed one.
func nextValue(buf []byte, read func([]byte) (uint64, int, error)) (uint64, bool) {
	off := 0
	for off < len(buf) {
		v, n, err := read(buf[off:])
		if err != nil {
			off++
			continue
		}
		_ = n
		return v, true
	}
	return 0, false
}
