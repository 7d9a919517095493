package queue

// Add adds a key.
func Add(key string) {}
