// expect: safe CWE-22
package main

import (
	"net/http"
	"os"
	"path/filepath"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	v = filepath.Base(v)
	data, _ := os.ReadFile("/srv/files/" + v + "")
	w.Write(data)
}
