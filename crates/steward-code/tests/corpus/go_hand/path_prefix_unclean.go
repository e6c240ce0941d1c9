// expect: CWE-22
package files

import (
	"net/http"
	"os"
	"strings"
)

func Serve(w http.ResponseWriter, r *http.Request) {
	p := "/srv/uploads/" + r.URL.Query().Get("file")
	if !strings.HasPrefix(p, "/srv/uploads/") {
		return
	}
	data, _ := os.ReadFile(p)
	w.Write(data)
}
