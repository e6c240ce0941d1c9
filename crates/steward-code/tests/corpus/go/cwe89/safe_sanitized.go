// expect: safe CWE-89
package main

import (
	"net/http"
	"database/sql"
	"strconv"
)

var db *sql.DB

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	id, err := strconv.Atoi(v)
	if err != nil {
		return
	}
	v = strconv.Itoa(id)
	rows, _ := db.Query("SELECT * FROM items WHERE name = '" + v + "'")
	defer rows.Close()
}
