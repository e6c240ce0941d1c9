// expect: CWE-89
package main

import (
	"net/http"
	"database/sql"
)

var db *sql.DB

func build(x string) string {
	return "SELECT * FROM items WHERE name = '" + x + "'"
}

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	rows, _ := db.Query(build(v))
	defer rows.Close()
}
