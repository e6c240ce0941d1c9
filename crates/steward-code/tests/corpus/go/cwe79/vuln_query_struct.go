// expect: CWE-79
package main

import (
	"net/http"
)

type params struct {
	name string
}

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	p := params{name: v}
	w.Write([]byte("<p>" + p.name + "</p>"))
}
