package progress

import (
	"errors"
	"fmt"
	"strings"
)

var errUnknown = errors.New("unknown option")

// options consumes its argument list one option at a time.
type options struct {
	args  []string
	known map[string]bool
	set   map[string]string
}

// next takes the first argument off the list: every call consumes input.
func (o *options) next() (string, error) {
	if len(o.args) == 0 {
		return "", nil
	}
	arg := o.args[0]
	o.args = o.args[1:]
	if !o.known[arg] {
		return arg, errUnknown
	}
	return arg, nil
}

// firstKnown skips unknown options: next consumes them, so this is a scan, not a retry.
func (o *options) firstKnown() string {
	for {
		arg, err := o.next()
		if err != nil {
			continue
		}
		return arg
	}
}

// expandCombined splits `-abc` into `-a -b -c` on the error path and parses again: the input changed.
func (o *options) expandCombined(parse func(*options) error) error {
	for {
		err := parse(o)
		if err == nil {
			return nil
		}
		if len(o.args) == 0 || len(o.args[0]) < 3 {
			return err
		}
		var split []string
		for _, letter := range strings.Split(o.args[0][1:], "") {
			split = append(split, "-"+letter)
		}
		o.args = append(split, o.args[1:]...)
	}
}

// Report is a response whose item list can be cut down to fit.
type Report struct {
	Items []string
	Note  string
}

// fitReport drops items until the encoded report fits: the error path shrinks the input.
func fitReport(r *Report, encode func(*Report) ([]byte, error), check func([]byte) error) ([]byte, error) {
	total := len(r.Items)
	for n := len(r.Items); n >= 0; n-- {
		raw, err := encode(r)
		if err != nil {
			return nil, err
		}
		if err := check(raw); err != nil {
			r.Items = r.Items[:n]
			r.Note = fmt.Sprintf("showing %d of %d", n, total)
			continue
		}
		return raw, nil
	}
	return nil, errors.New("report does not fit")
}
