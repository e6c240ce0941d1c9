// expect: safe CWE-79
package main

import (
	"net/http"
)

const debug = false

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	q := "fixed"
	if debug {
		q = v
	}
	w.Write([]byte("<p>" + q + "</p>"))
}
