// expect: safe CWE-330
import java.util.Random;

class Retry {
    private final Random random = new Random();

    long delay(int attempt) {
        long jitter = random.nextInt(250);
        return (1L << attempt) * 100 + jitter;
    }
}
