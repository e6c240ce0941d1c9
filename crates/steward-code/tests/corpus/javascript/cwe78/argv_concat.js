// expect: CWE-78
const express = require("express");
const app = express();
const { exec, execFile } = require("child_process");
app.get("/a/:q", (req, res) => {
  const v = process.argv[2];
  const q = "ping -c 1 " + v;
  exec(q, (err, out) => res.json({ ok: !err }));
});
