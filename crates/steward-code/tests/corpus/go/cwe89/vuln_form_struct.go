// expect: CWE-89
package main

import (
	"net/http"
	"database/sql"
)

var db *sql.DB

type params struct {
	name string
}

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("q")
	p := params{name: v}
	rows, _ := db.Query("SELECT * FROM items WHERE name = '" + p.name + "'")
	defer rows.Close()
}
