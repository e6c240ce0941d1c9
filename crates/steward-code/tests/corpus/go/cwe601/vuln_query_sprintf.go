// expect: CWE-601
package main

import (
	"net/http"
	"fmt"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	q := fmt.Sprintf("%s", v)
	http.Redirect(w, r, q, http.StatusFound)
}
