// expect: CWE-79
const express = require("express");
const app = express();
function run(q, res) {
  res.send(q);
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = "<p>Hello " + v + "</p>";
  run(q, res);
});
