// expect: CWE-79
package main

import (
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	w.Write([]byte("<p>" + v + "</p>"))
}
