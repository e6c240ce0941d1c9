// expect: CWE-89
package api

import (
	"database/sql"
	"net/http"
)

var db *sql.DB

func Enqueue(w http.ResponseWriter, r *http.Request) {
	jobs := make(chan string, 1)
	jobs <- r.FormValue("job")
	name := <-jobs
	db.Exec("INSERT INTO jobs(name) VALUES ('" + name + "')")
}
