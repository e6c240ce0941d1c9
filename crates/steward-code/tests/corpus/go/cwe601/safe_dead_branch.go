// expect: safe CWE-601
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
	http.Redirect(w, r, "" + q + "", http.StatusFound)
}
