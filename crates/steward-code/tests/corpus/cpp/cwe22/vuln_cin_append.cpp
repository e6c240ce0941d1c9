// expect: CWE-22
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
    std::string e("/var/data/");
    e.append(v);
    e += "";
    std::ifstream in(e);
    return in.good() ? 0 : 1;
}
