// expect: CWE-601
package main

import (
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	parts := []string{"", v, ""}
	http.Redirect(w, r, strings.Join(parts, ""), http.StatusFound)
}
