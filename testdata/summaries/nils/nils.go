package nils

import (
	"errors"
	"fmt"
)

type conn struct{ addr string }

// dial returns nil with its error.
func dial(addr string) (*conn, error) { // want dial:"mayReturnNil\\(0\\) constructs\\(conn\\)"
	if addr == "" {
		return nil, errors.New("no address")
	}
	return &conn{addr: addr}, nil
}

// dialAgain forwards dial's results, so it inherits the nil.
func dialAgain(addr string) (*conn, error) { // want dialAgain:"mayReturnNil\\(0\\) constructs\\(conn\\)"
	return dial(addr)
}

// dialOrEmpty wraps the error but returns an empty value with it: never nil.
func dialOrEmpty(addr string) (*conn, error) { // want dialOrEmpty:"constructs\\(conn\\)"
	c, err := dial(addr)
	if err != nil {
		return &conn{}, fmt.Errorf("dial %s: %w", addr, err)
	}
	return c, nil
}

// lookup leaves its second result nil on error; a string is never nil.
func lookup(key string) (string, *conn, error) { // want lookup:"mayReturnNil\\(1\\) constructs\\(conn\\)"
	if key == "" {
		return "", nil, errors.New("empty key")
	}
	return key, &conn{}, nil
}

// both leaves either result nil on error.
func both(ok bool) (*conn, *conn, error) { // want both:"mayReturnNil\\(0,1\\) constructs\\(conn\\)"
	if !ok {
		return nil, nil, errors.New("not ok")
	}
	return &conn{}, &conn{}, nil
}

// optional returns nil without an error: a nil result with a nil error is not the error contract.
func optional(ok bool) (*conn, error) { // want optional:"constructs\\(conn\\)"
	if !ok {
		return nil, nil
	}
	return &conn{}, nil
}

// viaLiteral returns nil only inside a func literal, which belongs to the literal.
func viaLiteral() (*conn, error) { // want viaLiteral:"constructs\\(conn\\)"
	get := func() (*conn, error) { return nil, errors.New("x") }
	c, err := get()
	if err != nil {
		return &conn{}, err
	}
	return c, nil
}

// noError has no error result, so it has no error contract.
func noError() *conn { return nil }
