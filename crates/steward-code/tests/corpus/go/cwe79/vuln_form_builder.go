// expect: CWE-79
package main

import (
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	var b strings.Builder
	b.WriteString("<p>")
	b.WriteString(v)
	b.WriteString("</p>")
	w.Write([]byte(b.String()))
}
