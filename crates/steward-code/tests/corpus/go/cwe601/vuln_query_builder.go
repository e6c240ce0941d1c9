// expect: CWE-601
package main

import (
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	var b strings.Builder
	b.WriteString("")
	b.WriteString(v)
	b.WriteString("")
	http.Redirect(w, r, b.String(), http.StatusFound)
}
