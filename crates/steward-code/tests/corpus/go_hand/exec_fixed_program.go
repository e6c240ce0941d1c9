// expect: safe CWE-78
package main

import (
	"os"
	"os/exec"
)

func main() {
	out, _ := exec.Command("git", "log", "--oneline", os.Args[1]).Output()
	os.Stdout.Write(out)
}
