// expect: CWE-79
const express = require("express");
const app = express();
function build(x) {
  return "<p>Hello " + x + "</p>";
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = build(v);
  res.send(q);
});
