package quiet

import (
	"fmt"
	"os"
)

// die never returns: the never-returns summary sees through it.
func die(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(2)
}
