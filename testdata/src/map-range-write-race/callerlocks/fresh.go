package callerlocks

import "sync"

// Image's digests are recomputed on fresh images while loading and on shared ones under the store's lock.
type Image struct {
	ID      string
	Digests map[string]string
	names   []string
}

// recompute ranges the image's digests; its callers hold the store's lock unless the image is new.
func (i *Image) recompute() {
	i.names = i.names[:0]
	for name := range i.Digests {
		i.names = append(i.names, name)
	}
}

// ImageStore keeps images under mu.
type ImageStore struct {
	mu     sync.Mutex
	images map[string]*Image
}

// Load builds every image before publishing it: the calls on fresh images need no lock. Negative.
func (s *ImageStore) Load(ids []string) {
	loaded := []*Image{}
	for _, id := range ids {
		loaded = append(loaded, &Image{ID: id, Digests: map[string]string{}})
	}
	for _, image := range loaded {
		image.recompute()
	}
	s.mu.Lock()
	for _, image := range loaded {
		s.images[image.ID] = image
	}
	s.mu.Unlock()
}

// Create builds one image, assigned to its named result: negative.
func (s *ImageStore) Create(id string) (image *Image) {
	image = &Image{ID: id, Digests: map[string]string{}}
	image.recompute()
	s.mu.Lock()
	s.images[id] = image
	s.mu.Unlock()
	return image
}

// SetDigest writes a shared image's digests under the lock, then recomputes under it.
func (s *ImageStore) SetDigest(id, name, digest string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	image := s.images[id]
	image.Digests[name] = digest
	image.recompute()
}
