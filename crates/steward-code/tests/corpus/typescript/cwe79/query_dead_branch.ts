// expect: safe CWE-79
import express, { Request, Response } from "express";
const app = express();
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  let item: string = "admin";
  if (false) {
    item = v!;
  }
  const q = "<p>Hello " + item + "</p>";
  res.send(q);
});
