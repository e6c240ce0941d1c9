// expect: CWE-78
#include <cstdlib>
#include <string>

namespace shell {
int run(const std::string& command) {
    return std::system(command.c_str());
}
}  // namespace shell

int main(int argc, char** argv) {
    if (argc < 2) {
        return 1;
    }
    return shell::run(std::string("tar czf /tmp/out.tgz ") + argv[1]);
}
