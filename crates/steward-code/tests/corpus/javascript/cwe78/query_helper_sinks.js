// expect: CWE-78
const express = require("express");
const app = express();
const { exec, execFile } = require("child_process");
function run(q, res) {
  exec(q, (err, out) => res.json({ ok: !err }));
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = "ping -c 1 " + v;
  run(q, res);
});
