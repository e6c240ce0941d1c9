// expect: CWE-798
#include <mysql/mysql.h>
static const char *db_password = "Winter2024!prod";
MYSQL *connect_db(MYSQL *m) {
    return mysql_real_connect(m, "db.internal", "app", db_password, "shop", 0, NULL, 0);
}
