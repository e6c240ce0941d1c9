// expect: CWE-22
package main

import (
	"net/http"
	"os"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	var b strings.Builder
	b.WriteString("/srv/files/")
	b.WriteString(v)
	b.WriteString("")
	data, _ := os.ReadFile(b.String())
	w.Write(data)
}
