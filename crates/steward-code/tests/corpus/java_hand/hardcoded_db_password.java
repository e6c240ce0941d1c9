// expect: CWE-798
import java.sql.*;

class Repository {
    private static final String DB_PASSWORD = "Sup3rS3cret!";

    Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://db/app", "app", DB_PASSWORD);
    }
}
