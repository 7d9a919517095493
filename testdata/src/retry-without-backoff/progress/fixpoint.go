package progress

import (
	"os"
	"path/filepath"
)

// repairLinks repeats passes while the previous pass repaired something; a listing error is recorded
// and the loop goes round only if a repair happened in the same pass. Not a retry of the listing.
func repairLinks(dir string, want map[string]string) []error {
	const maxPasses = 10
	var errs []error
	changed := true
	passes := 0
	for changed {
		errs = nil
		changed = false
		for name, target := range want {
			link := filepath.Join(dir, name)
			if _, err := os.Lstat(link); os.IsNotExist(err) {
				if err := os.Symlink(target, link); err != nil {
					errs = append(errs, err)
					continue
				}
				changed = true
			}
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, entry := range entries {
			if _, ok := want[entry.Name()]; !ok {
				if err := os.Remove(filepath.Join(dir, entry.Name())); err == nil {
					changed = true
				}
			}
		}
		passes++
		if passes >= maxPasses {
			break
		}
	}
	return errs
}
