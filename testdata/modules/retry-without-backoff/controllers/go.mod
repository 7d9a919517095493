module example.com/controllers

go 1.22

require (
	example.com/lib v1.0.0
	k8s.io/apimachinery v0.30.0
	k8s.io/client-go v0.30.0
)
