// expect: CWE-89
import express, { Request, Response } from "express";
const app = express();
const mysql = require("mysql");
const db = mysql.createConnection({ host: "db" });
app.post("/a/:q", async (req: Request, res: Response) => {
  const v: string = req.body.q;
  const q: string = "SELECT * FROM users WHERE name = '" + v + "'";
  db.query(q, (err, rows) => res.json(rows));
});
