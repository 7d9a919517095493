module example.com/lib

go 1.20

require github.com/Acme/kv v0.3.1
