// expect: safe CWE-327
import javax.crypto.Cipher;
import java.security.PublicKey;

class Wrap {
    byte[] wrap(PublicKey key, byte[] secret) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        c.init(Cipher.ENCRYPT_MODE, key);
        return c.doFinal(secret);
    }
}
