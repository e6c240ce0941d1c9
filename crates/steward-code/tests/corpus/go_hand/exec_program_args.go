// expect: CWE-78
package main

import (
	"os"
	"os/exec"
)

func main() {
	tool := os.Args[1]
	out, _ := exec.Command(tool, "--version").Output()
	os.Stdout.Write(out)
}
