// expect: safe CWE-94
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  res.json({ result: JSON.parse(v) });
});
