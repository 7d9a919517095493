package quiet

import (
	"encoding/json"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
)

// decodePod builds its own pod from bytes.
func decodePod(data []byte) (*v1.Pod, error) {
	var pod v1.Pod
	if err := json.Unmarshal(data, &pod); err != nil {
		return nil, err
	}
	pod.Labels["decoded"] = "true"
	return &pod, nil
}

// decodeWithCodec uses a codec, which returns a new object.
func decodeWithCodec(codecs serializer.CodecFactory, data []byte) (runtime.Object, error) {
	obj, _, err := codecs.UniversalDeserializer().Decode(data, nil, nil)
	if err != nil {
		return nil, err
	}
	if pod, ok := obj.(*v1.Pod); ok {
		pod.Annotations["decoded"] = "true"
	}
	return obj, nil
}

// mergeInto writes the maps of the pod it is given, which only callers with their own pods use.
func mergeInto(pod *v1.Pod, extra map[string]string) {
	for key, value := range extra {
		pod.Labels[key] = value
	}
}

// fromTemplate builds pods and merges labels into them.
func fromTemplate(template *v1.PodTemplateSpec, extra map[string]string) *v1.Pod {
	pod := &v1.Pod{ObjectMeta: *template.ObjectMeta.DeepCopy(), Spec: *template.Spec.DeepCopy()}
	mergeInto(pod, extra)
	return pod
}
