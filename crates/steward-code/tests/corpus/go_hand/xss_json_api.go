// expect: safe CWE-79
package api

import (
	"encoding/json"
	"net/http"
)

func Echo(w http.ResponseWriter, r *http.Request) {
	body, _ := json.Marshal(map[string]string{"q": r.URL.Query().Get("q")})
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}
