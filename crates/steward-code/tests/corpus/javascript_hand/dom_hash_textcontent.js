// expect: safe CWE-79
const msg = location.hash.substring(1);
document.querySelector("#banner").textContent = decodeURIComponent(msg);
