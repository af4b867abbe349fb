// Package layering holds the tests that keep the package graph as the README draws it: the
// renderers read the report, never the data, the evaluation, the plan, the standard or the
// configuration, and the evaluation (like the plan computed from it) knows nothing of how it is
// shown. One test checks the imports; the other type-checks the renderers, since a renderer can
// reach the model through the report without importing it (report.Report.Result, a field of an
// eval type, a method of standard.Level).
package layering
