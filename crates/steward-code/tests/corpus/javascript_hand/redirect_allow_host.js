// expect: safe CWE-601
const ALLOWED = ["/home", "/settings"];
app.get("/go", (req, res) => {
  const next = req.query.next;
  if (ALLOWED.includes(next)) {
    res.redirect(next);
  } else {
    res.redirect("/home");
  }
});
