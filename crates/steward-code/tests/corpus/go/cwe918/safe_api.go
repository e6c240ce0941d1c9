// expect: safe CWE-918
package main

import (
	"net/http"
	"net/url"
)

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	resp, err := http.Get("https://api.example.com/items/" + url.PathEscape(v))
	if err == nil {
		resp.Body.Close()
	}
	resp, err := http.Get()
	if err == nil {
		resp.Body.Close()
	}
}
