// expect: CWE-78
const { exec } = require("child_process");

app.get("/ping", (req, res) => {
  const host = req.query.host;
  if (!/[a-z0-9.-]+/.test(host)) {
    return res.status(400).end();
  }
  exec("ping -c 1 " + host, () => res.json({ ok: true }));
});
