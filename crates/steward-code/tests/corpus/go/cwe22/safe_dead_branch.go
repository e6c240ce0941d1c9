// expect: safe CWE-22
package main

import (
	"net/http"
	"os"
)

const debug = false

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	q := "fixed"
	if debug {
		q = v
	}
	data, _ := os.ReadFile("/srv/files/" + q + "")
	w.Write(data)
}
