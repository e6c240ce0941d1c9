// expect: safe CWE-22
package files

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const root = "/srv/uploads"

func Serve(w http.ResponseWriter, r *http.Request) {
	p := filepath.Join(root, r.URL.Query().Get("file"))
	if !strings.HasPrefix(p, root+string(os.PathSeparator)) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	data, err := os.ReadFile(p)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}
