// expect: CWE-79
import express, { Request, Response } from "express";
const app = express();
app.post("/a/:q", async (req: Request, res: Response) => {
  const v: string = req.cookies.pref;
  const q: string = "<p>Hello " + v + "</p>";
  res.send(q);
});
