package pdftext

// Seeds are small PDFs for the fuzz test: the hand-made one and the one without ToUnicode.
func Seeds() [][]byte { return [][]byte{handmade(), noToUnicode()} }
