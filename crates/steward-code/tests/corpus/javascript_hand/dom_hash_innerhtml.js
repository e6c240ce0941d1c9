// expect: CWE-79
const params = new URLSearchParams(location.search);
const msg = location.hash.substring(1);
document.querySelector("#banner").innerHTML = `<div class="note">${decodeURIComponent(msg)}</div>`;
