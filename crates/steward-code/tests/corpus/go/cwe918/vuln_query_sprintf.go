// expect: CWE-918
package main

import (
	"net/http"
	"fmt"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	q := fmt.Sprintf("%s", v)
	resp, err := http.Get(q)
	if err == nil {
		resp.Body.Close()
	}
}
