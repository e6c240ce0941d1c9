// expect: CWE-78
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
    os << "ping -c 1 " << v << "";
    std::string e = os.str();
    return std::system(e.c_str());
}
