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
    std::ostringstream os;
    os << "user: " << v << "\n";
    std::string e = os.str();
    printf(e.c_str());
    return 0;
}
