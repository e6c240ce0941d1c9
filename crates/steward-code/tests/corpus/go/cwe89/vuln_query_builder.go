// expect: CWE-89
package main

import (
	"net/http"
	"database/sql"
	"strings"
)

var db *sql.DB

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	var b strings.Builder
	b.WriteString("SELECT * FROM items WHERE name = '")
	b.WriteString(v)
	b.WriteString("'")
	rows, _ := db.Query(b.String())
	defer rows.Close()
}
