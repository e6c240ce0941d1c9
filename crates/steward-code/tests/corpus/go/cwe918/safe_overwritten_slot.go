// expect: safe CWE-918
package main

import (
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	m := map[string]string{"k": v}
	m["k"] = "fixed"
	resp, err := http.Get("" + m["k"] + "")
	if err == nil {
		resp.Body.Close()
	}
}
