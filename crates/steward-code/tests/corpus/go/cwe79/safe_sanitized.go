// expect: safe CWE-79
package main

import (
	"net/http"
	"html"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	v = html.EscapeString(v)
	w.Write([]byte("<p>" + v + "</p>"))
}
