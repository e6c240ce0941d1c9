// expect: CWE-79
import express, { Request, Response } from "express";
const app = express();
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const q = ["<p>Hello ", (v as string), "</p>"].join("");
  res.send(q);
});
