package ats

// What the external tests (package ats_test) take from the package's own tests.

// CorpusDir is the folder of the resume corpus.
const CorpusDir = corpusDir

var (
	// Update is the -update flag: rewrite the golden and generated files.
	Update = update
	// AssertGolden compares a value, as indented JSON, with a golden file.
	AssertGolden = assertGolden
	// WriteCorpusDOCX writes the corpus's generated DOCX files.
	WriteCorpusDOCX = writeCorpusDOCX
)
