package values

type server struct{ handlers []func() }

func (s *server) first()  {} // want server.first:"nilSafe"
func (s *server) second() {} // want server.second:"nilSafe"
func (s *server) third()  {} // want server.third:"nilSafe"
func (s *server) hidden() {} // want server.hidden:"nilSafe"

func register(fns ...func()) {}

// Each method is also called directly, so it has callers; first and second are handed over as
// values too (second in the second place of the argument list), third is stored in a struct field.
func (s *server) setup() {
	s.first()
	s.second()
	s.third()
	s.hidden()
	register(s.first, s.second)
	_ = struct{ f func() }{f: s.third}
}
