package cfg

func typeSwitch(v any) int {
	switch t := v.(type) {
	case nil:
		return 0
	case int, int64:
		use(t)
	case error:
		panic(t)
	default:
		use(t)
	}
	return 1
}
