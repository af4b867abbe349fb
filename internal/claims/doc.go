// Package claims finds the figures a clerk typed into the chapters that contradict the data:
// "初中三年巩固率达到98.2%" when county.toml says 97.5, "差异系数为0.41" when it is 0.43. A
// reviewer calls such a figure 弄虚作假 (V6), so check lists it before anyone else finds it.
//
// Facts lists the figures a chapter may quote, each with the words that name it, its level,
// year, unit and source; Check reads the chapters sentence by sentence, binds each typed figure
// to the figure its words name and compares them at the precision the chapter wrote. The
// package is pure: it reads what build (or verify) has loaded and does no I/O.
package claims
