// expect: CWE-78
package main

import (
	"net/http"
	"os/exec"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	var b strings.Builder
	b.WriteString("ping -c 1 ")
	b.WriteString(v)
	b.WriteString("")
	exec.Command("sh", "-c", b.String()).Run()
}
