// expect: CWE-79
const q = window.location.search;
document.write("<p>You searched for " + q + "</p>");
