package dep

// Do is vendored inside the GOPATH project.
func Do() {}
