module example.com/server

go 1.21

require (
	example.com/api v0.0.0
	example.com/shared v0.0.0
)
