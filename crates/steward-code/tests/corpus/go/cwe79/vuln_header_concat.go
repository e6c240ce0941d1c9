// expect: CWE-79
package main

import (
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.Header.Get("X-Item")
	w.Write([]byte("<p>" + v + "</p>"))
}
