package values

type server struct{ handlers []func() }

func (s *server) first()  {}
func (s *server) second() {}
func (s *server) third()  {}
func (s *server) hidden() {}

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
