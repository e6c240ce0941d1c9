// expect: safe CWE-295
import javax.net.ssl.*;

class Pinned implements HostnameVerifier {
    public boolean verify(String hostname, SSLSession session) {
        return "api.example.com".equals(hostname)
            && HttpsURLConnection.getDefaultHostnameVerifier().verify(hostname, session);
    }
}
