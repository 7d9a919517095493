package errcontract

import (
	"errors"
	"log"
	"net/url"
	"os"
)

// The err branch only logs; meta is nil whenever err is set.
func (c *Client) Index(key string) uint64 {
	meta, err := c.GetMeta(key)
	if err != nil {
		log.Printf("get meta: %v", err)
	}
	return meta.LastIndex // want `meta may be nil here because the err != nil branch at line 13 does not return \(c.GetMeta\(\) returns it nil with an error\) and meta.LastIndex dereferences it`
}

// Inside a loop the err branch forgets to continue.
func (c *Client) Sum(keys []string) uint64 {
	var total uint64
	for _, key := range keys {
		meta, err := c.lookup(key)
		if err != nil {
			log.Printf("skip %s: %v", key, err)
		}
		total += meta.LastIndex // want `meta may be nil here because the err != nil branch`
	}
	return total
}

// The result is read inside the error branch itself.
func (c *Client) Report(key string) string {
	meta, err := c.GetMeta(key)
	if err != nil {
		log.Printf("meta %d: %v", meta.LastIndex, err) // want `meta is nil here because err is not nil`
		return ""
	}
	return "ok"
}

// Functions of other packages follow the convention: results are zero with an error.
func Host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		log.Printf("bad url %q: %v", raw, err)
	}
	return u.Host // want `u may be nil here because the err != nil branch .*url.Parse\(\)`
}

// Methods of other packages' types may accept a nil receiver ((*os.File).Close does), so calls
// on f are not judged; a field read would be.
func Name(path string) string {
	var f *os.File
	var err error
	f, err = os.Open(path)
	if err != nil {
		log.Print(err)
	}
	defer f.Close()
	return f.Name()
}

// The twin returns in the error branch.
func (c *Client) IndexSafe(key string) uint64 {
	meta, err := c.GetMeta(key)
	if err != nil {
		log.Printf("get meta: %v", err)
		return 0
	}
	return meta.LastIndex
}

// The twin continues in the error branch.
func (c *Client) SumSafe(keys []string) uint64 {
	var total uint64
	for _, key := range keys {
		meta, err := c.lookup(key)
		if err != nil {
			log.Printf("skip %s: %v", key, err)
			continue
		}
		total += meta.LastIndex
	}
	return total
}

// Defaulted never returns nil, so going on after its error is fine.
func (c *Client) IndexDefaulted(key string) uint64 {
	meta, err := c.Defaulted(key)
	if err != nil {
		log.Printf("using default: %v", err)
	}
	return meta.LastIndex
}

// The error branch gives meta a value.
func (c *Client) IndexOrZero(key string) uint64 {
	meta, err := c.GetMeta(key)
	if err != nil {
		meta = &Meta{}
	}
	return meta.LastIndex
}

// Only a not-found error falls through, and that case is tested again before the use.
func (c *Client) IndexIfFound(key string) uint64 {
	meta, err := c.GetMeta(key)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return 0
	}
	if errors.Is(err, ErrNotFound) {
		return 0
	}
	return meta.LastIndex
}

// `err == nil` guards the use.
func (c *Client) IndexIfOK(key string) uint64 {
	meta, err := c.GetMeta(key)
	if err != nil {
		log.Print(err)
	}
	if err == nil {
		return meta.LastIndex
	}
	return 0
}
