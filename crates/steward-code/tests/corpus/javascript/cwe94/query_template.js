// expect: CWE-94
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = `total(${v})`;
  res.json({ result: eval(q) });
});
