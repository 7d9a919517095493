module example.com/vendored

go 1.21

require github.com/acme/queue v1.4.0
