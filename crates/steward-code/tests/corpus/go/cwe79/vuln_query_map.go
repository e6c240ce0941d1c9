// expect: CWE-79
package main

import (
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	m := map[string]string{"k": v}
	w.Write([]byte("<p>" + m["k"] + "</p>"))
}
