// expect: CWE-330
import java.util.Random;

class PasswordReset {
    private final Random random = new Random();

    String newResetToken() {
        return Long.toHexString(random.nextLong());
    }
}
