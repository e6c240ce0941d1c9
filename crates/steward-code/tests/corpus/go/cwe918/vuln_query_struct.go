// expect: CWE-918
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
	resp, err := http.Get("" + p.name + "")
	if err == nil {
		resp.Body.Close()
	}
}
