// expect: safe CWE-78
#include <string>

#include "report.h"
#include "shell.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        return 1;
    }
    report::run(argv[1]);
    return shell::run("tar czf /tmp/out.tgz /srv/data");
}
