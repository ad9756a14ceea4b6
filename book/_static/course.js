// Opened from disk (file://), the browser refuses the requests Sphinx's search makes to show a
// snippet of each result page: list the results without snippets there, instead of failing.
if (window.location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}
