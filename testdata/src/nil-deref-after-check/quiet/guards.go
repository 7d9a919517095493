package quiet

import "log"

// The && guards the field read.
func AndGuard(it *Item) bool {
	return it != nil && it.Name != ""
}

// The || guards the field read.
func OrGuard(it *Item) bool {
	if it == nil || it.Name == "" {
		return false
	}
	return true
}

// The || guard inside an if body that only logs.
func OrGuardLog(it *Item) {
	if it == nil || it.Next == nil {
		log.Print("short list")
		return
	}
	log.Print(it.Next.Name)
}

// The nil branch assigns a fresh value.
func Reassign(it *Item) string {
	if it == nil {
		it = &Item{Name: "default"}
	}
	return it.Name
}

// The nil branch assigns through a helper's result.
func ReassignCall(items map[string]*Item, k string) string {
	it := items[k]
	if it == nil {
		it = newItem(k)
	}
	return it.Name
}

func newItem(name string) *Item {
	return &Item{Name: name}
}

// The check is on another variable.
func OtherVariable(a, b *Item) string {
	if a == nil {
		log.Print("no a")
	}
	return b.Name
}

// A shadowing declaration in the branch: the inner it is not the checked one.
func Shadow(items map[string]*Item, k string) string {
	it := items[k]
	if it == nil {
		it := &Item{Name: k}
		return it.Name
	}
	return it.Name
}

// The checked variable lives in an inner scope; the outer one is used afterwards.
func InnerScope(items map[string]*Item, it *Item) string {
	if it == nil {
		return ""
	}
	{
		it := items["x"]
		if it == nil {
			log.Print("no x")
		}
	}
	return it.Name
}

// The comparison is only a value.
func IsMissing(it *Item) bool {
	missing := it == nil
	return missing
}

// The comparison is returned.
func IsNil(it *Item) bool {
	return it == nil
}

// Nil slices are fine for len, range and append.
func Slices(names []string) []string {
	if names == nil {
		log.Print("no names")
	}
	for _, n := range names {
		log.Print(n)
	}
	if len(names) == 0 {
		names = append(names, "default")
	}
	return names
}

// Reading a nil map is fine.
func Maps(m map[string]int) int {
	if m == nil {
		log.Print("no map")
	}
	return m["x"]
}

// When the non-nil branch does the work, the code after it was not written for nil; no finding.
func SkipBody(it *Item) {
	if it != nil {
		log.Print(it.Name)
	}
	log.Print("done")
}

// The address is taken and a helper fills the value in.
func Fill(it *Item) string {
	if it == nil {
		load(&it)
	}
	return it.Name
}

func load(target **Item) {
	*target = &Item{}
}

// A method call may set the field: the fact about s.cur ends there.
type Cursor struct {
	cur *Item
}

func (c *Cursor) advance() {
	c.cur = &Item{}
}

func (c *Cursor) Name() string {
	if c.cur == nil {
		c.advance()
	}
	return c.cur.Name
}

// A func literal is its own function: the nil check outside says nothing inside it.
func Literal(it *Item) func() string {
	if it == nil {
		it = &Item{}
	}
	return func() string {
		if it == nil {
			return ""
		}
		return it.Name
	}
}

// A func literal that sets the variable: its facts are not trusted.
func LiteralSets(items map[string]*Item) string {
	var it *Item
	find := func(k string) { it = items[k] }
	if it == nil {
		find("x")
	}
	return it.Name
}

// Conditions that test different things on each path do not combine into a finding.
func Correlated(a, b *Item) string {
	if a == nil && b != nil {
		a = b
	} else if b != nil {
		return a.Name + b.Name
	}
	return ""
}

// The nil check of one iteration does not reach the next one after reassignment.
func Loop(items []*Item) int {
	n := 0
	var prev *Item
	for _, it := range items {
		if prev != nil {
			n += len(prev.Name)
		}
		prev = it
	}
	return n
}

// The value from a type switch is a new variable in each case.
func TypeSwitch(v any, it *Item) string {
	if it == nil {
		log.Print("nil")
	}
	switch it := v.(type) {
	case *Item:
		return it.Name
	}
	return ""
}
