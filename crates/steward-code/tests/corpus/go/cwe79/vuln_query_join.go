// expect: CWE-79
package main

import (
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	parts := []string{"<p>", v, "</p>"}
	w.Write([]byte(strings.Join(parts, "")))
}
