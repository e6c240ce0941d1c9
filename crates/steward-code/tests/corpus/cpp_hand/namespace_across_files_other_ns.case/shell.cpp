#include "shell.h"

#include <cstdlib>

namespace shell {
int run(const std::string& command) {
    return std::system(command.c_str());
}
}  // namespace shell
