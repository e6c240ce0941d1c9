// expect: CWE-79
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = `<p>Hello ${v}</p>`;
  res.send(q);
});
