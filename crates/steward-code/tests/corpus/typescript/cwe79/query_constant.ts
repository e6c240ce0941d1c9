// expect: safe CWE-79
import express, { Request, Response } from "express";
const app = express();
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const item: string = "admin";
  const q = "<p>Hello " + item + "</p>";
  res.send(q);
});
