package ordering

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Keyring rotates keys on a goroutine under its embedded lock.
type Keyring struct {
	sync.RWMutex
	keys map[int]string
	next int
}

func newKeyring() *Keyring { return &Keyring{keys: map[int]string{}} }

// LoadKeyring builds a keyring and persists it before anyone else can see it.
func LoadKeyring(seed []string, w io.Writer) (*Keyring, error) {
	k := newKeyring()
	for i, s := range seed {
		k.keys[i] = s
	}
	if err := Persist(k, w); err != nil {
		return nil, err
	}
	go k.rotate()
	return k, nil
}

// Persist ranges a keyring passed in; the only caller in the package passes one not shared yet: negative.
func Persist(k *Keyring, w io.Writer) error {
	for id, s := range k.keys {
		if _, err := fmt.Fprintf(w, "%d %s\n", id, s); err != nil {
			return err
		}
	}
	return nil
}

func (k *Keyring) rotate() {
	for {
		time.Sleep(time.Hour)
		k.Lock()
		k.next++
		k.keys[k.next] = fmt.Sprint(k.next)
		k.Unlock()
	}
}

// Current reads under the read lock.
func (k *Keyring) Current() string {
	k.RLock()
	defer k.RUnlock()
	return k.keys[k.next]
}
