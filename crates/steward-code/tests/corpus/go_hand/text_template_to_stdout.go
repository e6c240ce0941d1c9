// expect: safe CWE-79
package web

import (
	"log"
	"net/http"
	"os"
	"text/template"
)

var auditLine = template.Must(template.New("audit").Parse("{{.}} requested a report\n"))

func Report(w http.ResponseWriter, r *http.Request) {
	if err := auditLine.Execute(os.Stdout, r.FormValue("user")); err != nil {
		log.Print(err)
	}
	w.WriteHeader(http.StatusAccepted)
}
