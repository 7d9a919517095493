package types

// Request is shared by the server.
type Request struct{ Name string }
