//gocop:ignore
//gocop:ignore nil-deref-after-check
//nolint:
package p //gocop:ignore all

func f(x *T) { //gocop:ignore nil-deref-after-check
	if x == nil { println(x.f) } //nolint:all //gocop:ignore
}
