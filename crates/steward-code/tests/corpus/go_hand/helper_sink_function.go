// expect: CWE-22
package files

import (
	"net/http"
	"os"
)

func load(name string) ([]byte, error) {
	return os.ReadFile("/srv/uploads/" + name)
}

func Serve(w http.ResponseWriter, r *http.Request) {
	data, err := load(r.URL.Query().Get("file"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}
