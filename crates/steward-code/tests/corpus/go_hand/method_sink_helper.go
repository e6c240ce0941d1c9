// expect: CWE-78
package ops

import (
	"net/http"
	"os/exec"
)

type Runner struct{ dir string }

func (rn *Runner) run(script string) error {
	return exec.Command("sh", "-c", script).Run()
}

func (rn *Runner) Handle(w http.ResponseWriter, r *http.Request) {
	rn.run("backup --target " + r.FormValue("target"))
}
