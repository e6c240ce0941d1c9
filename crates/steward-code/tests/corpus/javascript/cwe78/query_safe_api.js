// expect: safe CWE-78
const express = require("express");
const app = express();
const { exec, execFile } = require("child_process");
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  execFile("ping", ["-c", "1", v], (err, out) => res.json({ ok: !err }));
});
