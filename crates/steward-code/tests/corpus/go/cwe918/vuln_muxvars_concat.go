// expect: CWE-918
package main

import (
	"net/http"
	"github.com/gorilla/mux"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := mux.Vars(r)["id"]
	resp, err := http.Get("" + v + "")
	if err == nil {
		resp.Body.Close()
	}
}
