// expect: CWE-89
package main

import (
	"net/http"
	"database/sql"
	"fmt"
)

var db *sql.DB

func handle(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("q")
	q := fmt.Sprintf("SELECT * FROM items WHERE name = '%s'", v)
	rows, _ := db.Query(q)
	defer rows.Close()
}
