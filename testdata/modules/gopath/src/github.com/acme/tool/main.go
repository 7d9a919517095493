package main

import (
	"github.com/acme/lib"
	"github.com/other/dep"
)

func main() {
	lib.Run()
	dep.Do()
}
