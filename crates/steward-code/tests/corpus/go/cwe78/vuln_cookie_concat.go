// expect: CWE-78
package main

import (
	"net/http"
	"os/exec"
)

func handle(w http.ResponseWriter, r *http.Request) {
	ck, err := r.Cookie("pref")
	if err != nil {
		return
	}
	v := ck.Value
	exec.Command("sh", "-c", "ping -c 1 " + v + "").Run()
}
