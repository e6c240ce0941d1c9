// expect: safe CWE-918
package main

import (
	"net/http"
	"net/url"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	u, err := url.Parse(v)
	if err != nil || u.Host != "api.example.com" {
		return
	}
	resp, err := http.Get(u.String())
	if err == nil {
		resp.Body.Close()
	}
}
