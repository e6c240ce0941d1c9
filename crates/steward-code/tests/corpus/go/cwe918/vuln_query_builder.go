// expect: CWE-918
package main

import (
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	var b strings.Builder
	b.WriteString("")
	b.WriteString(v)
	b.WriteString("")
	resp, err := http.Get(b.String())
	if err == nil {
		resp.Body.Close()
	}
}
