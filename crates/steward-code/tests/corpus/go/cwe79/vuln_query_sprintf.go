// expect: CWE-79
package main

import (
	"net/http"
	"fmt"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	q := fmt.Sprintf("<p>%s</p>", v)
	w.Write([]byte(q))
}
