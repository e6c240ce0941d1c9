// expect: CWE-22
package main

import (
	"net/http"
	"os"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.Header.Get("X-Item")
	data, _ := os.ReadFile("/srv/files/" + v + "")
	w.Write(data)
}
