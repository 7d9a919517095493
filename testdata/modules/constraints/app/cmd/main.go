package main

import "example.com/constraints/platform"

func main() {
	println(platform.Describe())
}
