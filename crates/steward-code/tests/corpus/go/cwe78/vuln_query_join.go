// expect: CWE-78
package main

import (
	"net/http"
	"os/exec"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	parts := []string{"ping -c 1 ", v, ""}
	exec.Command("sh", "-c", strings.Join(parts, "")).Run()
}
