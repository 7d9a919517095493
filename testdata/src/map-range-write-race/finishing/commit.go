package finishing

import "context"

// Commit writes the image from what the puts recorded, without the lock: its arguments say what is
// committed, and it still comes after the puts (negative).
func (d *Destination) Commit(ctx context.Context, name string) error {
	data := map[string]string{}
	for digest := range d.filenames {
		data[digest] = name
	}
	return d.writeLayers(ctx)
}

// writeLayers is reached only from Commit (negative).
func (d *Destination) writeLayers(ctx context.Context) error {
	for digest, index := range d.layers {
		if ctx.Err() != nil || index < 0 {
			return ctx.Err()
		}
		_ = digest
	}
	return nil
}

// Size ranges without the lock from an ordinary exported method: PutBlob may run meanwhile (positive).
func (d *Destination) Size() int {
	n := 0
	for range d.layers { // want "d.layers is ranged in Size without d.lock while PutBlob writes it under d.lock"
		n++
	}
	return n
}
