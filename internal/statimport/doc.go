// Package statimport maps what a county bureau already has — the 教育事业统计 (综合统计) county
// export with one row per school, the per-school workbooks (基层表) with one sheet per table,
// and a roster of teachers — to the school table youjun reads (youjun import).
//
// A column of the statistics is named by its header path, the header cells above it from the
// top header row down joined with › (教基3112›在校生数›合计), so that multi-row headers with
// merged cells and title rows above them are read as the statistics print them. Which paths make
// which column of the school table is data: a built-in mapping (default.toml), which a site
// changes entry by entry in its import.toml.
//
// The package has three layers: reading files into grids of cell texts (grid.go, bounded like
// the school table's readers), reading headers and records from those grids and mapping them
// (header.go, extract.go, workbook.go, roster.go, combine.go, merge.go: pure, no file access),
// and writing the table with its 来源 sheet (write.go); run.go ties them to a site folder.
// Every cell the import writes is recorded with the file, sheet, header path, row and cell it
// came from; nothing is guessed silently: a path not found, a school in one source only, a
// branch site without site.toml's rule, a roster disagreeing with the statistics are each
// reported with file, sheet, row, column and value.
package statimport
