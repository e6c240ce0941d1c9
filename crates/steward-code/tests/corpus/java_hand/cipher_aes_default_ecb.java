// expect: CWE-327
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

class Vault {
    byte[] seal(byte[] key, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("AES");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        return c.doFinal(data);
    }
}
