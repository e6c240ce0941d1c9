// expect: CWE-22
package main

import (
	"net/http"
	"os"
	"fmt"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	q := fmt.Sprintf("/srv/files/%s", v)
	data, _ := os.ReadFile(q)
	w.Write(data)
}
