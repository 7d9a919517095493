package waiting

import (
	"context"
	"time"
)

func pause() { time.Sleep(time.Second) } // want pause:"waits"

func pauseThroughHelper() { pause() } // want pauseThroughHelper:"waits"

func pauseTwoDeep() { pauseThroughHelper() } // want pauseTwoDeep:"waits"

func receive(ch chan int) int { return <-ch } // want receive:"waits"

func untilDone(ctx context.Context) { // want untilDone:"waits"
	select {
	case <-ctx.Done():
	}
}

// tryReceive never blocks: its select has a default case.
func tryReceive(ch chan int) (int, bool) {
	select {
	case value := <-ch:
		return value, true
	default:
		return 0, false
	}
}

func timer() { // want timer:"waits"
	t := time.NewTimer(time.Second)
	defer t.Stop()
	<-t.C
}

func count() int {
	total := 0
	for i := 0; i < 3; i++ {
		total += i
	}
	return total
}

// isRetryable decides; it does not wait, whatever its name says.
func isRetryable(err error) bool { return err != nil }

func callsPredicate(err error) bool { return isRetryable(err) }
