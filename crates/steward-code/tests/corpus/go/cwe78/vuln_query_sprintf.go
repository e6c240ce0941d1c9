// expect: CWE-78
package main

import (
	"net/http"
	"os/exec"
	"fmt"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	q := fmt.Sprintf("ping -c 1 %s", v)
	exec.Command("sh", "-c", q).Run()
}
