// expect: CWE-22
import express, { Request, Response } from "express";
const app = express();
const fs = require("fs");
const path = require("path");
app.post("/a/:q", async (req: Request, res: Response) => {
  const v: string = req.body.q;
  const q: string = "/srv/files/" + v;
  fs.readFile(q, "utf8", (err, data) => res.json({ data }));
});
