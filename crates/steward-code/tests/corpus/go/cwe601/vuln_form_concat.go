// expect: CWE-601
package main

import (
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	http.Redirect(w, r, "" + v + "", http.StatusFound)
}
