// expect: CWE-94
app.post("/rule", (req, res) => {
  const check = new Function("order", "return " + req.body.rule);
  res.json({ ok: check({ total: 10 }) });
});
