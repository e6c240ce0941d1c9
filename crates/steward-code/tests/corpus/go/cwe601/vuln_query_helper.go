// expect: CWE-601
package main

import (
	"net/http"
)

func build(x string) string {
	return "" + x + ""
}

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	http.Redirect(w, r, build(v), http.StatusFound)
}
