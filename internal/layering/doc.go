// Package layering holds the test that keeps the package graph as the README draws it: the
// renderers read the report, never the data, the evaluation, the standard or the configuration,
// and the evaluation knows nothing of how it is shown.
package layering
