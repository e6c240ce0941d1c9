// expect: CWE-601
import express, { Request, Response } from "express";
const app = express();
app.post("/a/:q", async (req: Request, res: Response) => {
  const v: string = req.query.q;
  const q: string = v;
  res.redirect(q);
});
