// expect: safe CWE-798
import java.sql.*;

class Repository {
    private static final String PASSWORD_ENV = "DB_PASSWORD";

    Connection open() throws SQLException {
        String password = System.getenv(PASSWORD_ENV);
        return DriverManager.getConnection("jdbc:postgresql://db/app", "app", password);
    }
}
