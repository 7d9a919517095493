package negatives

import (
	"encoding/json"
	"os"
)

const statePath = "/var/lib/agent/state.json"

// saveState writes the file that readState reads.
func saveState(entry string) error {
	return os.WriteFile(statePath, []byte(entry), 0o600)
}

func readState() ([]byte, error) {
	return os.ReadFile(statePath)
}

// The loop writes the state through a helper before reading it back: the answer changes.
func record(entries []string) (int, error) {
	size := 0
	for _, entry := range entries {
		if err := saveState(entry); err != nil {
			return 0, err
		}
		data, err := readState()
		if err != nil {
			return 0, err
		}
		size = len(data)
	}
	return size, nil
}

// fill sets fields of the request it is given.
func fill(req map[string]string, key string) {
	req[key] = "set"
}

// The marshalled value is handed to a helper that fills it in, so it changes in the loop.
func marshalFilled(req map[string]string, keys []string) [][]byte {
	var bodies [][]byte
	for _, key := range keys {
		fill(req, key)
		body, _ := json.Marshal(req)
		bodies = append(bodies, body)
	}
	return bodies
}
