// expect: CWE-78
const { execSync } = require("child_process");
const router = require("express").Router();

function convert(req, res) {
  const out = execSync(`convert ${req.body.file} /tmp/out.png`);
  res.json({ size: out.length });
}

router.post("/convert", convert);
module.exports = router;
