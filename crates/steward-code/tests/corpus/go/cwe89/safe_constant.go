// expect: safe CWE-89
package main

import (
	"net/http"
	"database/sql"
)

var db *sql.DB

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	v = "fixed"
	rows, _ := db.Query("SELECT * FROM items WHERE name = '" + v + "'")
	defer rows.Close()
}
