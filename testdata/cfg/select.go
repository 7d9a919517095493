package cfg

func selectLoop(in <-chan int, out chan<- int, quit chan struct{}) {
	for {
		select {
		case v, ok := <-in:
			if !ok {
				return
			}
			out <- v
		case out <- 0:
		case <-quit:
			break
		default:
			idle()
		}
	}
}

func blockForever() {
	select {}
	unreachableCall()
}
