#pragma once
#include <string>

namespace shell {
int run(const std::string& command);
}  // namespace shell
