// expect: safe CWE-78
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <sqlite3.h>

extern sqlite3 *db;

int main(int argc, char **argv) {
    const bool raw = false;
    std::string v = raw ? std::string(argv[1]) : std::string("localhost");
    std::string e = "ping -c 1 " + v + "";
    return std::system(e.c_str());
}
