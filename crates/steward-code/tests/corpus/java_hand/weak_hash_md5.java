// expect: CWE-328
import java.security.MessageDigest;

class PasswordStore {
    byte[] hash(String password) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        return md.digest(password.getBytes("UTF-8"));
    }
}
