// expect: CWE-601
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
	http.Redirect(w, r, "" + p.name + "", http.StatusFound)
}
