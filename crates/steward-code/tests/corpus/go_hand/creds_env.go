// expect: safe CWE-798
package store

import (
	"database/sql"
	"os"
)

func Open() (*sql.DB, error) {
	dbPassword := os.Getenv("DB_PASSWORD")
	return sql.Open("postgres", "user=app password="+dbPassword+" host=db")
}
