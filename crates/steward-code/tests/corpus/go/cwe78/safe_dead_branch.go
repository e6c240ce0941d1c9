// expect: safe CWE-78
package main

import (
	"net/http"
	"os/exec"
)

const debug = false

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	q := "fixed"
	if debug {
		q = v
	}
	exec.Command("sh", "-c", "ping -c 1 " + q + "").Run()
}
