// expect: CWE-78
const express = require("express");
const app = express();
const { exec, execFile } = require("child_process");
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  let q = "ping -c 1 " + v;
  q += "";
  exec(q, (err, out) => res.json({ ok: !err }));
});
