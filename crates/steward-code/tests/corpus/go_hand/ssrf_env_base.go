// expect: safe CWE-918
package proxy

import (
	"io"
	"net/http"
	"net/url"
)

func Avatar(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://avatars.example.com/u/" + url.PathEscape(r.URL.Query().Get("user")))
	if err != nil {
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}
