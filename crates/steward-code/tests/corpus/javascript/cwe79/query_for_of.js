// expect: CWE-79
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  let item = "";
  for (const part of [v, "x"]) {
    item = part;
  }
  const q = "<p>Hello " + item + "</p>";
  res.send(q);
});
