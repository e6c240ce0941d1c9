// expect: CWE-78
const express = require("express");
const app = express();
const { exec, execFile } = require("child_process");
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const parts = [];
  parts.push(v);
  const item = parts.join("");
  const q = "ping -c 1 " + item;
  exec(q, (err, out) => res.json({ ok: !err }));
});
