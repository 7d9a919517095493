module github.com/Acme/kv
