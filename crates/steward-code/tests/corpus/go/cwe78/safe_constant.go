// expect: safe CWE-78
package main

import (
	"net/http"
	"os/exec"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	v = "fixed"
	exec.Command("sh", "-c", "ping -c 1 " + v + "").Run()
}
