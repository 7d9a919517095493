package cfg

func deferred(mu *sync.Mutex, f *os.File) error {
	mu.Lock()
	defer mu.Unlock()
	if f == nil {
		return errNil
	}
	defer func() {
		f.Close()
	}()
	go worker()
	return nil
}
