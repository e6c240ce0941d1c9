// expect: CWE-89
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <sqlite3.h>

extern sqlite3 *db;

int main(int argc, char **argv) {
    std::string v;
    std::cin >> v;
    std::string e = "SELECT * FROM users WHERE name = '" + v + "'";
    return sqlite3_exec(db, e.c_str(), 0, 0, 0);
}
