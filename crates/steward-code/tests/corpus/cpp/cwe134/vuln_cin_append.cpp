// expect: CWE-134
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
    std::string e("user: ");
    e.append(v);
    e += "\n";
    printf(e.c_str());
    return 0;
}
