// expect: CWE-89
package main

import (
	"net/http"
	"database/sql"
)

var db *sql.DB

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	m := map[string]string{"k": v}
	rows, _ := db.Query("SELECT * FROM items WHERE name = '" + m["k"] + "'")
	defer rows.Close()
}
