package ats

// mapped returns f of each element of xs, in order: a non-nil slice, empty for none.
func mapped[T, R any](xs []T, f func(T) R) []R {
	out := make([]R, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// filtered returns the elements of xs that keep accepts, in order, or nil for none.
func filtered[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
