package main

import (
	"fmt"

	helpers "example.com/app/util"
)

func main() {
	client := helpers.NewClient()
	fmt.Println(client)
}
