package driver

// Message returns the finding's message in lang ("en" or "zh").
func (f *Finding) Message(lang string) string {
	msg, _ := f.Rule.Localize(f.Diag.Message, lang)
	return msg
}

// FixTitlesIn returns the titles of the finding's fixes in lang.
func (f *Finding) FixTitlesIn(lang string) []string {
	titles := []string{}
	for _, fix := range f.Diag.SuggestedFixes {
		t, _ := f.Rule.Localize(fix.Message, lang)
		titles = append(titles, t)
	}
	return titles
}
