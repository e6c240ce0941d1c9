// expect: CWE-601
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
	http.Redirect(w, r, "" + v + "", http.StatusFound)
}
