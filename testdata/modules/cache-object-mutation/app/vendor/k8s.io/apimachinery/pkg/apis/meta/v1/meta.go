// Package v1 is a stand-in for the fixture: object metadata and one helper that writes it.
package v1

type ObjectMeta struct {
	Name        string
	Namespace   string
	Labels      map[string]string
	Annotations map[string]string
	Finalizers  []string
}

func (m *ObjectMeta) GetLabels() map[string]string { return m.Labels }
func (m *ObjectMeta) SetLabels(labels map[string]string) { m.Labels = labels }

type Object interface {
	GetLabels() map[string]string
	SetLabels(labels map[string]string)
}

func SetMetaDataLabel(obj *ObjectMeta, label string, value string) {
	if obj.Labels == nil {
		obj.Labels = map[string]string{}
	}
	obj.Labels[label] = value
}
