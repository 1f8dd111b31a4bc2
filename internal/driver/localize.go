package driver

// Message returns the finding's message in lang ("en" or "zh").
func (f *Finding) Message(lang string) string {
	return f.Said.In(lang, f.Diag.Message)
}

// FixTitlesIn returns the titles of the finding's fixes in lang.
func (f *Finding) FixTitlesIn(lang string) []string {
	titles := []string{}
	for i := range f.Diag.SuggestedFixes {
		titles = append(titles, f.FixTitle(i, lang))
	}
	return titles
}

// FixTitle returns the title of the finding's i'th fix in lang.
func (f *Finding) FixTitle(i int, lang string) string {
	return f.Said.In(lang, f.Diag.SuggestedFixes[i].Message)
}

// Related returns the message of the finding's i'th related information
// in lang.
func (f *Finding) Related(i int, lang string) string {
	return f.Said.In(lang, f.Diag.Related[i].Message)
}
