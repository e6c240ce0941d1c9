// expect: safe CWE-601
package main

import (
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	m := map[string]string{"k": v}
	m["k"] = "fixed"
	http.Redirect(w, r, "" + m["k"] + "", http.StatusFound)
}
