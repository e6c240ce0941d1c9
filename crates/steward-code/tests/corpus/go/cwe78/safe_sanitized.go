// expect: safe CWE-78
package main

import (
	"net/http"
	"os/exec"
	"strconv"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	id, err := strconv.Atoi(v)
	if err != nil {
		return
	}
	v = strconv.Itoa(id)
	exec.Command("sh", "-c", "ping -c 1 " + v + "").Run()
}
