// expect: CWE-22
package main

import (
	"net/http"
	"os"
)

func build(x string) string {
	return "/srv/files/" + x + ""
}

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	data, _ := os.ReadFile(build(v))
	w.Write(data)
}
