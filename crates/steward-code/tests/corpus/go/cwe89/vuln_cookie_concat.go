// expect: CWE-89
package main

import (
	"net/http"
	"database/sql"
)

var db *sql.DB

func handle(w http.ResponseWriter, r *http.Request) {
	ck, err := r.Cookie("pref")
	if err != nil {
		return
	}
	v := ck.Value
	rows, _ := db.Query("SELECT * FROM items WHERE name = '" + v + "'")
	defer rows.Close()
}
