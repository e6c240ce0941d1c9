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
	parts := []string{"SELECT * FROM items WHERE name = '", v, "'"}
	rows, _ := db.Query(strings.Join(parts, ""))
	defer rows.Close()
}
