// expect: CWE-79
package main

import (
	"net/http"
)

func build(x string) string {
	return "<p>" + x + "</p>"
}

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	w.Write([]byte(build(v)))
}
