package store

import (
	"fmt"
	"log"

	"example.com/client"
	"example.com/lib"
)

type Store struct {
	api *client.Client
}

func (s *Store) Name(key string) string {
	obj, err := s.api.Get(key)
	if err != nil {
		log.Printf("get %s: %v", key, err)
	}
	return obj.Name // want `obj may be nil here because the err != nil branch .*s.api.Get\(\)`
}

func (s *Store) NameOrDefault(key string) string {
	obj, err := s.api.GetOrDefault(key)
	if err != nil {
		log.Printf("get %s: %v", key, err)
	}
	return obj.Name
}

func (s *Store) Labelled() string {
	obj, err := s.api.Named("fixed")
	if err != nil {
		log.Print(err)
	}
	return obj.Name
}

func Fresh(base, key string) string {
	c := client.New(base)
	obj, err := c.Get(key)
	if err != nil {
		log.Print(err)
	}
	return obj.Name // want `obj may be nil here`
}

func ConfigName(text string) string {
	cfg, err := lib.Parse(text)
	if err != nil {
		fmt.Println("parse:", err)
	}
	return cfg.Name // want `cfg may be nil here .*lib.Parse\(\)`
}

func PartialName(text string) string {
	cfg, err := lib.ParsePartial(text)
	if err != nil {
		fmt.Println("partial config:", err)
	}
	return cfg.Name
}

func Value(key string) string {
	entry, err := lib.Load(key)
	if err != nil {
		fmt.Println("load:", err)
	}
	return entry.Value // want `entry may be nil here`
}

func Checked(key string) string {
	entry, err := lib.Load(key)
	if err != nil {
		return ""
	}
	return entry.Value
}
