"""One module per kind of page; each holds the HTML page and the JSON API beside it."""
