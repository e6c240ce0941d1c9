// expect: safe CWE-330
import java.security.SecureRandom;
import java.util.Base64;

class PasswordReset {
    private final SecureRandom random = new SecureRandom();

    String newResetToken() {
        byte[] buf = new byte[32];
        random.nextBytes(buf);
        String token = Base64.getUrlEncoder().encodeToString(buf);
        return token;
    }
}
