package main

import (
	"example.com/lib/client"
	"example.com/old/queue"
	"example.com/pinned"
)

func main() {
	client.New()
	queue.New()
	pinned.Version()
}
