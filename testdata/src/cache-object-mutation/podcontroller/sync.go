package podcontroller

import (
	"context"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/util/retry"
)

const finalizerName = "example.com/cleanup"

// labelAll ranges over the lister's list and labels each cached pod.
func (c *Controller) labelAll(namespace string) error {
	pods, err := c.podLister.Pods(namespace).List(labels.Everything())
	if err != nil {
		return err
	}
	for _, pod := range pods {
		pod.Labels["seen"] = "yes" // want `pod\.Labels is written in place, but pod comes from c\.podLister\.Pods\(namespace\)\.List \(line 16\)`
	}
	return nil
}

// labelAllCopies labels deep copies of the listed pods.
func (c *Controller) labelAllCopies(ctx context.Context, namespace string) error {
	pods, err := c.podLister.Pods(namespace).List(labels.Everything())
	if err != nil {
		return err
	}
	for _, cached := range pods {
		pod := cached.DeepCopy()
		pod.Labels["seen"] = "yes"
		if _, err := c.client.CoreV1().Pods(namespace).Update(ctx, pod, metav1.UpdateOptions{}); err != nil {
			return err
		}
	}
	return nil
}

// markFirst writes through an index into the listed slice.
func (c *Controller) markFirst(namespace string) {
	pods, err := c.podLister.Pods(namespace).List(labels.Everything())
	if err != nil || len(pods) == 0 {
		return
	}
	pods[0].Annotations["first"] = "true" // want `pods\[0\]\.Annotations is written in place, but pods comes from c\.podLister\.Pods\(namespace\)\.List .*deep-copy the elements of pods first`
}

// copyEach replaces every listed pointer with a copy before writing.
func (c *Controller) copyEach(namespace string) {
	pods, err := c.podLister.Pods(namespace).List(labels.Everything())
	if err != nil {
		return
	}
	for i := range pods {
		pods[i] = pods[i].DeepCopy()
	}
	for i := range pods {
		pods[i].Annotations["copied"] = "true"
	}
}

// tagThroughAlias writes the cached map through a local alias.
func (c *Controller) tagThroughAlias(namespace, name string) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	podLabels := pod.Labels
	podLabels["tagged"] = "true" // want `podLabels is written in place, but podLabels is pod\.Labels and pod comes from c\.podLister\.Pods\(namespace\)\.Get`
	return nil
}

// phaseOfCopy changes a value copy of the status: the cache is untouched.
func (c *Controller) phaseOfCopy(namespace, name string) (v1.PodPhase, error) {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return "", err
	}
	status := pod.Status
	status.Phase = v1.PodFailed
	status.Message = "assumed failed"
	return status.Phase, nil
}

// shallowCopy copies the struct but not its maps: the label write reaches the cache, the name does not.
func (c *Controller) shallowCopy(namespace, name string) (*v1.Pod, error) {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	copied := *pod
	copied.Name = name + "-copy"
	copied.Labels["copy"] = "true" // want `copied\.Labels is written in place, but copied is \*pod and pod comes from`
	return &copied, nil
}

// copyOnEveryPath deep-copies on both branches before the write.
func (c *Controller) copyOnEveryPath(namespace, name string, fresh bool) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	if fresh {
		pod = &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: namespace}}
	} else {
		pod = pod.DeepCopy()
	}
	pod.Annotations = map[string]string{"reset": "true"}
	return nil
}

// copyOnOnePath deep-copies only when asked to.
func (c *Controller) copyOnOnePath(namespace, name string, careful bool) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	if careful {
		pod = pod.DeepCopy()
	}
	pod.Annotations = map[string]string{"reset": "true"} // want `pod\.Annotations is written in place, but pod comes from c\.podLister\.Pods\(namespace\)\.Get`
	return nil
}

// retryUpdate changes the cached pod inside a retry closure.
func (c *Controller) retryUpdate(ctx context.Context, namespace, name string) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		pod.Finalizers = append(pod.Finalizers, finalizerName) // want `pod\.Finalizers is written in place, but pod comes from c\.podLister\.Pods\(namespace\)\.Get`
		_, err := c.client.CoreV1().Pods(namespace).Update(ctx, pod, metav1.UpdateOptions{})
		return err
	})
}

// retryOnCopy reads the lister inside the closure and copies before the write.
func (c *Controller) retryOnCopy(ctx context.Context, namespace, name string) error {
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		cached, err := c.podLister.Pods(namespace).Get(name)
		if err != nil {
			return err
		}
		pod := cached.DeepCopy()
		pod.Finalizers = append(pod.Finalizers, finalizerName)
		_, err = c.client.CoreV1().Pods(namespace).Update(ctx, pod, metav1.UpdateOptions{})
		return err
	})
}

// annotateWithHelper uses metav1's annotation setter on the cached pod.
func (c *Controller) annotateWithHelper(namespace, name string) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	metav1.SetMetaDataAnnotation(&pod.ObjectMeta, "example.com/synced", "true") // want `metav1\.SetMetaDataAnnotation changes pod in place, but pod comes from .*a concurrent range over the map crashes the process`
	return nil
}

// relabelWithSetter replaces the labels through the object's setter.
func (c *Controller) relabelWithSetter(namespace, name string) error {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return err
	}
	pod.SetLabels(map[string]string{"app": "web"}) // want `pod\.SetLabels changes pod in place, but pod comes from`
	return nil
}

// readsOnly reads everything and writes nothing.
func (c *Controller) readsOnly(namespace, name string) (string, bool) {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return "", false
	}
	zone, ok := pod.Labels[zoneLabel]
	for key := range pod.Annotations {
		if key == "skip" {
			return "", false
		}
	}
	return zone, ok
}

// dropFinalizer removes a finalizer by appending over the cached slice's array.
func (c *Controller) dropFinalizer(namespace, name string) []string {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return nil
	}
	for i, finalizer := range pod.Finalizers {
		if finalizer == finalizerName {
			return append(pod.Finalizers[:i], pod.Finalizers[i+1:]...) // want `pod\.Finalizers is written in place, but pod comes from`
		}
	}
	return pod.Finalizers
}

// withoutFinalizer builds a new slice instead.
func (c *Controller) withoutFinalizer(namespace, name string) []string {
	pod, err := c.podLister.Pods(namespace).Get(name)
	if err != nil {
		return nil
	}
	var kept []string
	for _, finalizer := range pod.Finalizers {
		if finalizer != finalizerName {
			kept = append(kept, finalizer)
		}
	}
	pods, err := c.podLister.Pods(namespace).List(labels.Everything())
	if err == nil {
		pods = append(pods[:0], pods[1:]...)
	}
	return kept
}
