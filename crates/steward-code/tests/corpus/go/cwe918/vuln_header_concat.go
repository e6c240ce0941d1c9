// expect: CWE-918
package main

import (
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.Header.Get("X-Item")
	resp, err := http.Get("" + v + "")
	if err == nil {
		resp.Body.Close()
	}
}
