#pragma once
#include <string>

namespace report {
int run(const std::string& what);
}  // namespace report
