// expect: CWE-601
package main

import (
	"net/http"
	"github.com/gorilla/mux"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := mux.Vars(r)["id"]
	http.Redirect(w, r, "" + v + "", http.StatusFound)
}
