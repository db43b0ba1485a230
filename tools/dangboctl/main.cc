#include <iostream>
#include <string>
#include <vector>

#include "tools/dangboctl/dangboctl.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return dangbo::ctl::RunDangboctl(std::vector<std::string>(argv + 1, argv + argc), std::cout,
                                   std::cerr);
}
