// expect: safe CWE-79
package api

import (
	"fmt"
	"net/http"
	"os"
)

func Hello(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(os.Stderr, "greeting %s\n", r.URL.Query().Get("name"))
	fmt.Fprint(w, "ok")
}
