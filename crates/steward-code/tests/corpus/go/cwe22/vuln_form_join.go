// expect: CWE-22
package main

import (
	"net/http"
	"os"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	parts := []string{"/srv/files/", v, ""}
	data, _ := os.ReadFile(strings.Join(parts, ""))
	w.Write(data)
}
