// expect: CWE-918
package main

import (
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	ck, err := r.Cookie("pref")
	if err != nil {
		return
	}
	v := ck.Value
	resp, err := http.Get("" + v + "")
	if err == nil {
		resp.Body.Close()
	}
}
