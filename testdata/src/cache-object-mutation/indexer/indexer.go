// Package indexer reads objects straight from informer indexers and stores.
package indexer

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/tools/cache"
)

const byNode = "byNode"

// Scaler works on deployments and pods kept in indexers.
type Scaler struct {
	deployments cache.Indexer
	podIndexer  cache.Indexer
	informer    cache.SharedIndexInformer
	store       cache.Store
}

// scale writes the replica count of the cached deployment.
func (s *Scaler) scale(key string, replicas int32) error {
	obj, exists, err := s.deployments.GetByKey(key)
	if err != nil {
		return err
	}
	if !exists {
		return fmt.Errorf("deployment %s not found", key)
	}
	deployment := obj.(*appsv1.Deployment)
	deployment.Spec.Replicas = &replicas // want `deployment\.Spec\.Replicas is written in place, but deployment comes from s\.deployments\.GetByKey \(line 24\)`
	return nil
}

// scaleCopy copies the object before changing it.
func (s *Scaler) scaleCopy(key string, replicas int32) (*appsv1.Deployment, error) {
	obj, exists, err := s.deployments.GetByKey(key)
	if err != nil || !exists {
		return nil, err
	}
	deployment := obj.(*appsv1.Deployment).DeepCopy()
	deployment.Spec.Replicas = &replicas
	return deployment, nil
}

// evictFromNode ranges over an index and marks each cached pod.
func (s *Scaler) evictFromNode(node string) error {
	objs, err := s.podIndexer.ByIndex(byNode, node)
	if err != nil {
		return err
	}
	for _, obj := range objs {
		pod := obj.(*v1.Pod)
		pod.Status.Reason = "NodeLost" // want `pod\.Status\.Reason is written in place, but pod comes from s\.podIndexer\.ByIndex \(line 49\)`
	}
	return nil
}

// countOnNode only reads the index.
func (s *Scaler) countOnNode(node string) (int, error) {
	objs, err := s.podIndexer.ByIndex(byNode, node)
	if err != nil {
		return 0, err
	}
	ready := 0
	for _, obj := range objs {
		if pod, ok := obj.(*v1.Pod); ok && pod.Status.Phase == v1.PodRunning {
			ready++
		}
	}
	return ready, nil
}

// resetAll lists the informer's store and clears a map on every cached object.
func (s *Scaler) resetAll() {
	for _, obj := range s.informer.GetStore().List() {
		if pod, ok := obj.(*v1.Pod); ok {
			pod.Annotations["reset"] = "true" // want `pod\.Annotations is written in place, but pod comes from s\.informer\.GetStore\(\)\.List \(line 77\)`
		}
	}
}

// refresh gets the stored version of an object and stamps it.
func (s *Scaler) refresh(pod *v1.Pod) error {
	item, exists, err := s.store.Get(pod)
	if err != nil || !exists {
		return err
	}
	stored := item.(*v1.Pod)
	stored.ResourceVersion = "" // want `stored\.ResourceVersion is written in place, but stored comes from s\.store\.Get \(line 86\)`
	return nil
}

// keysOnly lists keys, which are plain strings.
func (s *Scaler) keysOnly() []string {
	keys := s.podIndexer.ListKeys()
	for i := range keys {
		keys[i] = "ns/" + keys[i]
	}
	return keys
}
