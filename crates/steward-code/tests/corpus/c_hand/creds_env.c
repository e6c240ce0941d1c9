// expect: safe CWE-798
#include <mysql/mysql.h>
#include <stdlib.h>
MYSQL *connect_db(MYSQL *m) {
    const char *db_password = getenv("DB_PASSWORD");
    return mysql_real_connect(m, "db.internal", "app", db_password, "shop", 0, NULL, 0);
}
