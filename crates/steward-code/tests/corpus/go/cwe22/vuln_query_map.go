// expect: CWE-22
package main

import (
	"net/http"
	"os"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	m := map[string]string{"k": v}
	data, _ := os.ReadFile("/srv/files/" + m["k"] + "")
	w.Write(data)
}
