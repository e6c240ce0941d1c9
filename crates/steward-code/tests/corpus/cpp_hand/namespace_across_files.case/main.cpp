// expect: CWE-78
#include <string>

#include "shell.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        return 1;
    }
    std::string command = "tar czf /tmp/out.tgz ";
    command += argv[1];
    return shell::run(command);
}
