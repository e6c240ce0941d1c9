// expect: safe CWE-328
import java.security.MessageDigest;

class Checksums {
    byte[] hash(byte[] data) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return md.digest(data);
    }
}
