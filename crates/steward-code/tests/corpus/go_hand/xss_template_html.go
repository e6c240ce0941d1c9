// expect: CWE-79
package web

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.New("p").Parse(`<div>{{.}}</div>`))

func Preview(w http.ResponseWriter, r *http.Request) {
	page.Execute(w, template.HTML(r.PostFormValue("bio")))
}
