package helpers

import (
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"time"
)

const rulesPath = "/etc/firewall/rules.json"

// Rule is one firewall rule.
type Rule struct {
	Name  string
	Ports []int
}

// readRulesFile reads the file; loadRules decodes it. Callers see a two-step chain.
func readRulesFile() ([]byte, error) {
	return os.ReadFile(rulesPath)
}

func loadRules() ([]Rule, error) {
	data, err := readRulesFile()
	if err != nil {
		return nil, err
	}
	var rules []Rule
	err = json.Unmarshal(data, &rules)
	return rules, err
}

// isValidName compiles a constant pattern on every call: calling it in a loop repeats the work
// whatever its argument.
func isValidName(name string) bool {
	ok, _ := regexp.MatchString(`^[a-z][a-z0-9-]*$`, name)
	return ok
}

// newClient builds a client with its own transport, so its own connection pool.
func newClient(timeout time.Duration) *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 10}, Timeout: timeout}
}

// store keeps state on disk.
type store struct {
	dir string
}

// snapshotRoutes has a name unique in the package, so calls on values of unknown type resolve to it.
func (s *store) snapshotRoutes() ([]byte, error) {
	return os.ReadFile(s.dir + "/routes")
}

// registry maps names to stores; indexing it gives a value whose type the syntax does not show.
var registry = map[string]*store{}
