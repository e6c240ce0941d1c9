// expect: CWE-798
package store

import "database/sql"

const dbPassword = "Spring2025!prod"

func Open() (*sql.DB, error) {
	return sql.Open("postgres", "user=app password="+dbPassword+" host=db")
}
