package cfg

func threeClause(n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			continue
		}
		sum += i
	}
	return sum
}

func rangeLoops(m map[string]int, ch chan int) {
	for k, v := range m {
		use(k, v)
	}
	for range ch {
		tick()
	}
}

func infinite() {
	for {
		if ready() {
			break
		}
	}
	for {
		spin()
	}
}

func conditionOnly(n int) {
	for n > 0 {
		n--
	}
}

func postNeverRuns(items []int) int {
	for i := 0; i < len(items); i++ {
		return items[i]
	}
	return -1
}
