#include "report.h"

#include <iostream>

namespace report {
int run(const std::string& what) {
    std::cout << "archiving " << what << std::endl;
    return 0;
}
}  // namespace report
