package handler

import (
	"example.com/api/types"
	"example.com/shared"
)

func handle(request *types.Request) {
	shared.Log(request.Name)
}
