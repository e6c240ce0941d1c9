// expect: CWE-79
package web

import (
	"net/http"
	"text/template"
)

var greeting = template.Must(template.New("greeting").Parse(`<p>Hello {{.}}</p>`))

func Greet(w http.ResponseWriter, r *http.Request) {
	greeting.Execute(w, r.URL.Query().Get("name"))
}
