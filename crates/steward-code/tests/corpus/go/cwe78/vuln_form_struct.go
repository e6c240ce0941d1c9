// expect: CWE-78
package main

import (
	"net/http"
	"os/exec"
)

type params struct {
	name string
}

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	p := params{name: v}
	exec.Command("sh", "-c", "ping -c 1 " + p.name + "").Run()
}
