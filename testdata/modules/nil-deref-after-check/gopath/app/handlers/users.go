package handlers

import (
	"log"

	"example.com/repo"
)

func Name(store *repo.Store, id string) string {
	user, err := store.Find(id)
	if err != nil {
		log.Printf("find %s: %v", id, err)
	}
	return user.Name // want `user may be nil here because the err != nil branch .*store.Find\(\)`
}

func Greeting(store *repo.Store, id string) string {
	user, err := store.FindOrGuest(id)
	if err != nil {
		log.Printf("find %s: %v", id, err)
	}
	return "hello " + user.Name
}

func Dir(path string) string {
	store, err := repo.Open(path)
	if err != nil {
		log.Print(err)
	}
	return store.Dir // want `store may be nil here .*repo.Open\(\)`
}

func DefaultDir() string {
	store, err := repo.Open("/var/lib/users")
	if err != nil {
		log.Print(err)
	}
	return store.Dir
}
