module example.com/app

go 1.21

require (
	example.com/client v1.2.0
	example.com/lib v1.0.0
	github.com/Acme/kv v0.3.1
)
