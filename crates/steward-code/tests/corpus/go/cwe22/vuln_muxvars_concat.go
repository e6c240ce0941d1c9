// expect: CWE-22
package main

import (
	"net/http"
	"os"
	"github.com/gorilla/mux"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := mux.Vars(r)["id"]
	data, _ := os.ReadFile("/srv/files/" + v + "")
	w.Write(data)
}
