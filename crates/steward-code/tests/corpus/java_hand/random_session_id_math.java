// expect: CWE-330
class Sessions {
    String create() {
        String sessionId = Double.toString(Math.random()).substring(2);
        return sessionId;
    }
}
