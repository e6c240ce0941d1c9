// expect: safe CWE-601
package main

import (
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	http.Redirect(w, r, "/items/"+v, http.StatusFound)
	http.Redirect(w, r, , http.StatusFound)
}
