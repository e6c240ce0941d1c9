// expect: CWE-918
package main

import (
	"net/http"
)

func build(x string) string {
	return "" + x + ""
}

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	resp, err := http.Get(build(v))
	if err == nil {
		resp.Body.Close()
	}
}
