module example.com/app

go 1.22

require (
	example.com/kube v1.0.0
	k8s.io/api v0.30.0
	k8s.io/apimachinery v0.30.0
	k8s.io/client-go v0.30.0
)
