package signals

import "sync"

type table struct {
	mu     sync.Mutex
	counts map[string]int
}

func (t *table) report() int {
	n := 0
	for _, c := range t.counts {
		n += c
	}
	return n
}

// ledger is table's twin for TallyEarly.
type ledger struct {
	mu     sync.Mutex
	counts map[string]int
}

func (t *ledger) reportEarly() int {
	n := 0
	for _, c := range t.counts { // want "t.counts is ranged in reportEarly without t.mu while a goroutine started in TallyEarly writes it under t.mu"
		n += c
	}
	return n
}
