// expect: CWE-79
package web

import (
	"net/http"
	tt "text/template"
)

type profile struct {
	Name string
	Bio  string
}

func Profile(w http.ResponseWriter, r *http.Request) {
	page, err := tt.New("profile").Parse(`<h1>{{.Name}}</h1><div>{{.Bio}}</div>`)
	if err != nil {
		http.Error(w, "template", http.StatusInternalServerError)
		return
	}
	p := profile{Name: r.FormValue("name"), Bio: r.FormValue("bio")}
	page.ExecuteTemplate(w, "profile", p)
}
