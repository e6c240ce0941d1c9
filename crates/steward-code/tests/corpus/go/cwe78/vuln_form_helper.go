// expect: CWE-78
package main

import (
	"net/http"
	"os/exec"
)

func build(x string) string {
	return "ping -c 1 " + x + ""
}

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	exec.Command("sh", "-c", build(v)).Run()
}
