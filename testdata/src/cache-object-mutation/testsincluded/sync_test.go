package testsincluded

import (
	"testing"

	v1 "k8s.io/api/core/v1"
)

// The test changes the object its fake lister holds; no other reader shares it.
func TestPhase(t *testing.T) {
	c := newTestController(t)
	pod, err := c.podLister.Pods("default").Get("web")
	if err != nil {
		t.Fatal(err)
	}
	pod.Status.Phase = v1.PodRunning // want `pod\.Status\.Phase is written in place`
	pod.Labels["test"] = "true" // want `pod\.Labels is written in place`
	if got := c.phase("default", "web"); got != "Running" {
		t.Fatalf("phase = %q", got)
	}
}
