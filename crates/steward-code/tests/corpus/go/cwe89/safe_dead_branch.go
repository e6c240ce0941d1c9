// expect: safe CWE-89
package main

import (
	"net/http"
	"database/sql"
)

var db *sql.DB

const debug = false

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	q := "fixed"
	if debug {
		q = v
	}
	rows, _ := db.Query("SELECT * FROM items WHERE name = '" + q + "'")
	defer rows.Close()
}
