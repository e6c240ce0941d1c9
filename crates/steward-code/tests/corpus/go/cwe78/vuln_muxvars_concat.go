// expect: CWE-78
package main

import (
	"net/http"
	"os/exec"
	"github.com/gorilla/mux"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := mux.Vars(r)["id"]
	exec.Command("sh", "-c", "ping -c 1 " + v + "").Run()
}
