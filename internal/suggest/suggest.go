// Package suggest finds the known name closest to a misspelt one, for "did you mean" hints.
package suggest

// Closest returns the candidate nearest to word by edit distance, or "" when none is close
// enough to be a plausible typo (at most a third of the longer name changed, and at most 3 edits).
func Closest(word string, candidates []string) string {
	best, bestDist := "", -1
	w := []rune(word)
	for _, c := range candidates {
		d := distance(w, []rune(c))
		limit := max(len(w), len([]rune(c)))/3 + 1
		if d > limit || d > 3 {
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, counted in runes.
func distance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Hint is the "did you mean" tail of a message: "，是否为「x」？" with the candidate closest to
// word, or "" when none is close enough.
func Hint(word string, candidates []string) string {
	if s := Closest(word, candidates); s != "" {
		return "，是否为「" + s + "」？"
	}
	return ""
}
