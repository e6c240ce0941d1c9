// expect: safe CWE-78
#include <cstdlib>
#include <iostream>
#include <string>

namespace shell {
int run(const std::string& command) {
    return std::system(command.c_str());
}
}  // namespace shell

namespace report {
int run(const std::string& what) {
    std::cout << "archiving " << what << std::endl;
    return 0;
}
}  // namespace report

int main(int argc, char** argv) {
    if (argc < 2) {
        return 1;
    }
    report::run(argv[1]);
    return shell::run("tar czf /tmp/out.tgz /srv/data");
}
