// expect: CWE-327
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

class Vault {
    byte[] seal(SecretKey key, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("DES/CBC/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, key);
        return c.doFinal(data);
    }
}
