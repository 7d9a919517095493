package cfg

func labeledBreakContinue(rows [][]int) int {
	total := 0
Rows:
	for _, row := range rows {
		for _, cell := range row {
			if cell < 0 {
				continue Rows
			}
			if cell > 100 {
				break Rows
			}
			total += cell
		}
	}
	return total
}

func breakOutOfSwitchInLoop(items []int) {
Loop:
	for i := 0; i < len(items); i++ {
		switch items[i] {
		case 0:
			break
		case 1:
			break Loop
		case 2:
			continue
		}
		use(i)
	}
	done()
}
