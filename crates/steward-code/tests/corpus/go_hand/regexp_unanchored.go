// expect: CWE-78
package ops

import (
	"net/http"
	"os/exec"
	"regexp"
)

var hostPattern = regexp.MustCompile(`[a-z0-9.-]+`)

func Ping(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	if !hostPattern.MatchString(host) {
		http.Error(w, "bad host", http.StatusBadRequest)
		return
	}
	exec.Command("sh", "-c", "ping -c 1 "+host).Run()
}
