// expect: CWE-78
const express = require("express");
const app = express();
const { exec, execFile } = require("child_process");
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  let item = "";
  for (const part of [v, "x"]) {
    item = part;
  }
  const q = "ping -c 1 " + item;
  exec(q, (err, out) => res.json({ ok: !err }));
});
