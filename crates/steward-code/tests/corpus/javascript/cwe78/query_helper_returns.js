// expect: CWE-78
const express = require("express");
const app = express();
const { exec, execFile } = require("child_process");
function build(x) {
  return "ping -c 1 " + x;
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = build(v);
  exec(q, (err, out) => res.json({ ok: !err }));
});
