// expect: CWE-295
import javax.net.ssl.HttpsURLConnection;

class Setup {
    static void relax() {
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
    }
}
