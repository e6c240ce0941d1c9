// expect: CWE-22
package main

import (
	"net/http"
	"os"
)

type params struct {
	name string
}

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	p := params{name: v}
	data, _ := os.ReadFile("/srv/files/" + p.name + "")
	w.Write(data)
}
