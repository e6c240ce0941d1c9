// expect: CWE-79
package main

import (
	"net/http"
	"fmt"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	q := fmt.Sprintf("<p>%s</p>", v)
	w.Write([]byte(q))
}
