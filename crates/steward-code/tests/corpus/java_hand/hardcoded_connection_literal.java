// expect: CWE-798
import java.sql.*;

class Repository {
    Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://db/app", "root", "toor1234");
    }
}
