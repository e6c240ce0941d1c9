// expect: safe CWE-79
app.get("/echo", (req, res) => {
  res.json({ echo: req.query.msg });
});
