// expect: CWE-22
package main

import (
	"net/http"
	"os"
)

func handle(w http.ResponseWriter, r *http.Request) {
	ck, err := r.Cookie("pref")
	if err != nil {
		return
	}
	v := ck.Value
	data, _ := os.ReadFile("/srv/files/" + v + "")
	w.Write(data)
}
