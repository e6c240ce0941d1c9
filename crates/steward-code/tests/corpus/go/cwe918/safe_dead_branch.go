// expect: safe CWE-918
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
	resp, err := http.Get("" + q + "")
	if err == nil {
		resp.Body.Close()
	}
}
