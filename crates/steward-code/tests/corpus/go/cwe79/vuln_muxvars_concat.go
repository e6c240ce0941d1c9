// expect: CWE-79
package main

import (
	"net/http"
	"github.com/gorilla/mux"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := mux.Vars(r)["id"]
	w.Write([]byte("<p>" + v + "</p>"))
}
