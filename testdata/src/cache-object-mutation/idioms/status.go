// Package idioms holds the ways correct controllers handle cached objects; none of it is reported.
package idioms

import (
	"context"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	appslisters "k8s.io/client-go/listers/apps/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/util/retry"
)

// SetController keeps replica sets' status current.
type SetController struct {
	client      kubernetes.Interface
	setLister   appslisters.ReplicaSetLister
	podLister   corelisters.PodLister
	nodeLister  corelisters.NodeLister
	historyList appslisters.ControllerRevisionLister
}

// updateStatus writes the status of the object it is handed, retrying with fresh copies from the lister.
func (c *SetController) updateStatus(ctx context.Context, set *appsv1.ReplicaSet, status appsv1.ReplicaSetStatus) error {
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		set.Status = status
		_, err := c.client.AppsV1().ReplicaSets(set.Namespace).UpdateStatus(ctx, set, metav1.UpdateOptions{})
		if err == nil {
			return nil
		}
		if latest, getErr := c.setLister.ReplicaSets(set.Namespace).Get(set.Name); getErr == nil {
			set = latest.DeepCopy()
		}
		return err
	})
}

// sync copies the cached set before handing it to the writer above.
func (c *SetController) sync(ctx context.Context, namespace, name string) error {
	set, err := c.setLister.ReplicaSets(namespace).Get(name)
	if err != nil {
		return err
	}
	pods, err := c.podLister.Pods(namespace).List(labels.Everything())
	if err != nil {
		return err
	}
	status := calculateStatus(set, pods)
	set = set.DeepCopy()
	return c.updateStatus(ctx, set, status)
}

// calculateStatus only reads.
func calculateStatus(set *appsv1.ReplicaSet, pods []*v1.Pod) appsv1.ReplicaSetStatus {
	status := set.Status
	status.Replicas = int32(len(pods))
	ready := 0
	for _, pod := range pods {
		for _, condition := range pod.Status.Conditions {
			if condition.Type == v1.PodReady && condition.Status == v1.ConditionTrue {
				ready++
			}
		}
	}
	status.ReadyReplicas = int32(ready)
	status.ObservedGeneration = set.Generation
	return status
}

// labelHistories copies each revision that needs a label.
func (c *SetController) labelHistories(ctx context.Context, namespace string) error {
	histories, err := c.historyList.ControllerRevisions(namespace).List(labels.Everything())
	if err != nil {
		return err
	}
	for _, history := range histories {
		if _, ok := history.Labels["hash"]; ok {
			continue
		}
		toUpdate := history.DeepCopy()
		if toUpdate.Labels == nil {
			toUpdate.Labels = map[string]string{}
		}
		toUpdate.Labels["hash"] = toUpdate.Name
		history, err = c.client.AppsV1().ControllerRevisions(namespace).Update(ctx, toUpdate, metav1.UpdateOptions{})
		if err != nil {
			return err
		}
		fmt.Println(history.Name)
	}
	return nil
}

// monitorNodes copies every node before computing on it.
func (c *SetController) monitorNodes(ctx context.Context) error {
	nodes, err := c.nodeLister.List(labels.Everything())
	if err != nil {
		return err
	}
	for i := range nodes {
		node := nodes[i].DeepCopy()
		for j := range node.Status.Conditions {
			if node.Status.Conditions[j].Type == v1.NodeReady {
				node.Status.Conditions[j].Status = v1.ConditionUnknown
			}
		}
		if _, err := c.client.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{}); err != nil {
			return err
		}
	}
	return nil
}

// templateFor copies the template before adding a label to it.
func (c *SetController) templateFor(namespace, name string) (*v1.PodTemplateSpec, error) {
	set, err := c.setLister.ReplicaSets(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	template := set.Spec.Template.DeepCopy()
	if template.Labels == nil {
		template.Labels = map[string]string{}
	}
	template.Labels["pod-template-hash"] = "abc"
	return template, nil
}

// podFromTemplate builds a pod whose maps are its own.
func podFromTemplate(set *appsv1.ReplicaSet) *v1.Pod {
	desiredLabels := make(map[string]string, len(set.Spec.Template.Labels))
	for key, value := range set.Spec.Template.Labels {
		desiredLabels[key] = value
	}
	pod := &v1.Pod{
		ObjectMeta: metav1.ObjectMeta{GenerateName: set.Name + "-", Labels: desiredLabels},
	}
	pod.Labels["controller"] = set.Name
	pod.Spec = *set.Spec.Template.Spec.DeepCopy()
	pod.Spec.NodeName = ""
	return pod
}
