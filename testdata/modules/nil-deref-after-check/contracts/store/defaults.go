package store

import (
	"log"

	"example.com/client"
)

func DefaultBase() string {
	c := client.Default()
	if c == nil {
		log.Print("no default client")
	}
	return c.Base
}

func CachedBase(name string) string {
	c := client.Cached(name)
	if c == nil {
		log.Print("no cached client")
	}
	return c.Base // want `c may be nil here`
}
