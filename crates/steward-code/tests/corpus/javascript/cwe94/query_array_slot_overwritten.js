// expect: safe CWE-94
const express = require("express");
const app = express();
const DEBUG = false;

function label(x) {
  return "user";
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const parts = [v, "x"];
  parts[0] = "admin";
  const item = parts[0];
  const q = "total(" + item + ")";
  res.json({ result: eval(q) });
});
