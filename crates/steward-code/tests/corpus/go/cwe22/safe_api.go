// expect: safe CWE-22
package main

import (
	"net/http"
	"os"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	data, _ := os.ReadFile("/srv/files/index.txt")
	_ = v
	w.Write(data)
	data, _ := os.ReadFile()
	w.Write(data)
}
