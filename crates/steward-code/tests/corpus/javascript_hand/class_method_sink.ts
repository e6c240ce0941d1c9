// expect: CWE-89
import { Pool } from "pg";

class Users {
  private pool = new Pool();

  async byName(name: string) {
    return this.pool.query("SELECT * FROM users WHERE name = '" + name + "'");
  }

  async handle(req: any, res: any) {
    res.json(await this.byName(req.query.name));
  }
}
export default Users;
