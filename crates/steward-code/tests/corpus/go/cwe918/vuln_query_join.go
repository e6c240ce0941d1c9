// expect: CWE-918
package main

import (
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	parts := []string{"", v, ""}
	resp, err := http.Get(strings.Join(parts, ""))
	if err == nil {
		resp.Body.Close()
	}
}
