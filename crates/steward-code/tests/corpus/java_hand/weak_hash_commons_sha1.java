// expect: CWE-328
import org.apache.commons.codec.digest.DigestUtils;

class Tokens {
    String sign(String payload, String key) {
        return DigestUtils.sha1Hex(key + payload);
    }
}
