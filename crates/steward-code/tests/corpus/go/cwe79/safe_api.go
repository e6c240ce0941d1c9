// expect: safe CWE-79
package main

import (
	"net/http"
	"html/template"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	t := template.Must(template.New("p").Parse("<p>{{.}}</p>"))
	t.Execute(w, v)
	w.Write([]byte())
}
